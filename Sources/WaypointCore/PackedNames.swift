import Foundation

/// Every student's search fields whose folded names are plain printable ASCII (nearly all of
/// a district), packed as bytes in one buffer: a `SearchFields` per student is eight strings
/// and arrays of its own, which at 200,000 students was tens of megabytes and most of the
/// cost of a second letter. The others keep their `SearchFields` (`fallback`), and search
/// ranks them as before.
///
/// A student's record is their `everything` (the search key), then each word the ranking
/// looks at, preceded by a byte below 0x20 that says which list it came from: `Kind`.
/// Printable ASCII never holds such a byte, so records need no lengths inside.
struct PackedNames: Sendable {
    enum Kind: UInt8 {
        case family = 1, first, id, other

        /// The rank a word of this kind gives to a term it starts with.
        var rank: SearchRank {
            switch self {
            case .family: .familyNamePrefix
            case .first: .firstNamePrefix
            case .id: .idPrefix
            case .other: .otherNamePrefix
            }
        }
    }

    private var bytes: [UInt8] = []
    /// Student `i`'s record is `bytes[starts[i]..<starts[i + 1]]`; empty for a student in `fallback`.
    private var starts: [UInt32] = [0]
    /// Students whose folded names are not printable ASCII, by position.
    private(set) var fallback: [Int: SearchFields] = [:]

    var count: Int { starts.count - 1 }

    init() {}

    init(reservingCapacity count: Int) {
        starts.reserveCapacity(count + 1)
        // About 60 bytes a student for demo names; grown as needed.
        bytes.reserveCapacity(count * 64)
    }

    /// Appends the next student.
    mutating func append(_ student: Student) {
        if appendPlainASCII(student) {
            starts.append(UInt32(bytes.count))
            return
        }
        let fields = SearchFields(student)
        if Self.isPrintableASCII(fields) {
            bytes.append(contentsOf: fields.everything.utf8)
            for (kind, words) in [(Kind.family, fields.family), (.first, fields.first), (.id, [fields.id]), (.other, fields.other)] {
                for word in words {
                    bytes.append(kind.rawValue)
                    bytes.append(contentsOf: word.utf8)
                }
            }
        } else {
            fallback[count] = fields
        }
        starts.append(UInt32(bytes.count))
    }

    /// The record `SearchFields` would give, made from the bytes of names that fold to
    /// printable ASCII without Foundation (plain ASCII, and Latin letters with accents: see
    /// `SearchText.foldLatin`), nearly all of a district: its `SearchFields` were a dozen
    /// strings and arrays per student, made only to be packed. False, with nothing
    /// appended, for any other student.
    private mutating func appendPlainASCII(_ student: Student) -> Bool {
        let names = [student.familyName, student.givenName, student.preferredName ?? "", student.middleName ?? "", student.localId]
        var folded: [[UInt8]] = []
        for name in names {
            if name.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) {
                // `SearchText.fold` of plain ASCII: lower case without apostrophes.
                folded.append(name.utf8.compactMap { byte -> UInt8? in
                    switch byte {
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
                    case UInt8(ascii: "'"), UInt8(ascii: "`"): nil
                    default: byte
                    }
                })
            } else if let latin = SearchText.foldLatin(name) {
                folded.append(Array(latin.utf8))
            } else {
                return false
            }
        }
        // `Student.searchKey`: the names that are not empty as typed, folded, joined by spaces.
        var first = true
        for (name, bytesOfName) in zip(names, folded) where !name.isEmpty {
            if !first { bytes.append(UInt8(ascii: " ")) }
            bytes.append(contentsOf: bytesOfName)
            first = false
        }
        // `SearchFields`' lists: a name split at spaces and hyphens is searched by the whole
        // and by each part; a name of one part by that part.
        func appendWords(_ name: [UInt8], _ kind: Kind) {
            let parts = name.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") })
            if parts.count > 1 {
                bytes.append(kind.rawValue)
                bytes.append(contentsOf: name)
            }
            for part in parts {
                bytes.append(kind.rawValue)
                bytes.append(contentsOf: part)
            }
        }
        appendWords(folded[0], .family)
        appendWords(folded[1], .first)
        appendWords(folded[2], .first)
        bytes.append(Kind.id.rawValue)
        bytes.append(contentsOf: folded[4])
        appendWords(folded[3], .other)
        return true
    }

    /// Gives back memory reserved beyond what was used.
    mutating func shrink() {
        if bytes.capacity > bytes.count + bytes.count / 8 { bytes = Array(bytes) }
    }

    /// Whether printable ASCII says everything about the student's fields: every string is
    /// bytes 0x20...0x7E, each byte one character (no CR LF pairs), compared byte by byte.
    private static func isPrintableASCII(_ fields: SearchFields) -> Bool {
        func printable(_ text: String) -> Bool { text.utf8.allSatisfy { (0x20..<0x7F).contains($0) } }
        return printable(fields.everything) && printable(fields.id)
            && (fields.family + fields.first + fields.other).allSatisfy(printable)
    }

    /// The packed record of student `index`, or nil for one in `fallback`.
    @inline(__always)
    func withRecord<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        let start = Int(starts[index]), end = Int(starts[index + 1])
        guard start < end else { return body(nil) }
        return bytes.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[start..<end])) }
    }

    /// The length of `everything` at the start of a record: up to the first kind byte.
    @inline(__always)
    static func everythingLength(_ record: UnsafeBufferPointer<UInt8>) -> Int {
        var end = 0
        while end < record.count, record[end] >= 0x20 { end += 1 }
        return end
    }

    /// The rank of a packed record for ASCII `terms` (each as bytes), as
    /// `SearchRanking.rank` gives it for the same fields, or nil. `wordPrefixesOnly`: the
    /// full-text rule that each term must start a word of `everything` (see `StudentSearchIndex`).
    static func rank(_ record: UnsafeBufferPointer<UInt8>, terms: [[UInt8]], wordPrefixesOnly: Bool) -> SearchRank? {
        let everythingEnd = everythingLength(record)
        var worst = SearchRank.familyNamePrefix
        for term in terms {
            guard occurs(term, in: record, end: everythingEnd, atWordStart: wordPrefixesOnly) else { return nil }
            var best = SearchRank.anywhere
            // Words: a kind byte, then the word up to the next kind byte or the end.
            var position = everythingEnd
            while position < record.count {
                let kind = Kind(rawValue: record[position])!
                let wordStart = position + 1
                var wordEnd = wordStart
                while wordEnd < record.count, record[wordEnd] >= 0x20 { wordEnd += 1 }
                if kind.rank < best, wordEnd - wordStart >= term.count, startsWith(record, at: wordStart, term) {
                    best = kind.rank
                }
                position = wordEnd
            }
            worst = max(worst, best)
        }
        return worst
    }

    /// Whether `term` occurs in `record[0..<end]` (at the start of a word of letters and
    /// digits, when `atWordStart`).
    @inline(__always)
    private static func occurs(_ term: [UInt8], in record: UnsafeBufferPointer<UInt8>, end: Int, atWordStart: Bool) -> Bool {
        guard let first = term.first else { return true }
        guard term.count <= end else { return false }
        for start in 0...(end - term.count) where record[start] == first {
            if atWordStart, start > 0, isLetterOrDigit(record[start - 1]) { continue }
            if startsWith(record, at: start + 1, term, from: 1) { return true }
        }
        return false
    }

    @inline(__always)
    private static func startsWith(_ record: UnsafeBufferPointer<UInt8>, at start: Int, _ term: [UInt8], from: Int = 0) -> Bool {
        var offset = from
        while offset < term.count {
            if record[start + offset - from] != term[offset] { return false }
            offset += 1
        }
        return true
    }

    /// In ASCII, `Character.isLetter || isNumber`: how the full-text index splits words.
    @inline(__always)
    static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
