/// A student's names as search sees them, folded once: ranking a keystroke against
/// thousands of students must not fold their names again for every letter.
public struct SearchFields: Sendable {
    /// Family name, its parts, and CJK family-then-given forms ("王伟").
    public let family: [String]
    /// Given and preferred names and their parts.
    public let first: [String]
    public let id: String
    /// Middle names and their parts.
    public let other: [String]
    /// `Student.searchKey`: every name part and the ID, for matches anywhere.
    public let everything: String
    /// The words of `everything` as the full-text index splits them (letters and digits),
    /// for the prefix matches that index answers.
    public let tokens: [String]
    /// Whether `everything` is plain ASCII, where bytes and characters are the same thing.
    public let isASCII: Bool

    public init(_ student: Student) {
        family = SearchFields.words(student.familyName) + student.unspacedFullNames
        first = SearchFields.words(student.givenName) + SearchFields.words(student.preferredName ?? "")
        id = SearchText.fold(student.localId)
        other = SearchFields.words(student.middleName ?? "")
        everything = student.searchKey
        tokens = everything.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        isASCII = everything.utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether the ASCII `term` occurs in `everything`, compared byte by byte: for ASCII text
    /// the same answer as `contains`, at a fraction of the cost when a first letter is
    /// looked for among a whole district. Only meaningful when `isASCII`.
    public func everythingContainsASCII(_ term: String) -> Bool {
        var text = everything, term = term
        return text.withUTF8 { hay in
            term.withUTF8 { needle in
                guard !needle.isEmpty else { return true }
                guard needle.count <= hay.count else { return false }
                for start in 0...(hay.count - needle.count) where hay[start] == needle[0] {
                    var offset = 1
                    while offset < needle.count, hay[start + offset] == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                return false
            }
        }
    }

    private static func words(_ name: String) -> [String] {
        let folded = SearchText.fold(name)
        guard !folded.isEmpty else { return [] }
        // "Garcia-Lopez" and "van der Berg" are searched by each part and by the whole.
        let parts = folded.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "'" }).map(String.init)
        return parts.count > 1 ? [folded] + parts : parts
    }
}
