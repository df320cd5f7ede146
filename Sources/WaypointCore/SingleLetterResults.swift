/// What a search of one letter or digit finds, worked out for every letter and digit when a
/// search index is built: the first key of a search matches about half of a district, and
/// ranking and ordering those students on the keystroke took a frame or more at 50,000.
///
/// The results are those `StudentSearchIndex` finds by ranking (`SearchRanking`), in its
/// order: best rank first, then caseload (name) order. One pass over the students in name
/// order fills a list per letter and rank, which are then already ordered.
struct SingleLetterResults: Sendable {
    /// Positions of the matching students, best first, for "a"..."z" then "0"..."9".
    /// `Int32` halves the memory of about 15 entries per student.
    private let lists: [[Int32]]

    /// `positionsInNameOrder` lists positions into `fields` in caseload order.
    init(_ fields: [SearchFields], positionsInNameOrder: [Int]) {
        let levels = 5
        var buckets = [[Int32]](repeating: [], count: Self.alphabet.count * levels)
        var ranks = [Int8](repeating: -1, count: Self.alphabet.count)
        for index in positionsInNameOrder {
            let student = fields[index]
            if Self.asciiRanks(student, into: &ranks) {
                for (slot, level) in ranks.enumerated() where level >= 0 {
                    buckets[slot * levels + Int(level)].append(Int32(index))
                }
            } else {
                // Names with letters outside ASCII: the ranking itself decides, asked only for
                // the letters and digits whose byte occurs somewhere in the names.
                for slot in Self.slots(occurringIn: student) {
                    guard let rank = SearchRanking.rank(student, terms: [Self.terms[slot]]) else { continue }
                    buckets[slot * levels + rank.rawValue].append(Int32(index))
                }
            }
        }
        lists = (0..<Self.alphabet.count).map { slot in
            Array(buckets[(slot * levels)..<((slot + 1) * levels)].joined())
        }
    }

    /// The positions found for the folded `terms`, or nil when they are not one letter or digit.
    func found(for terms: [String]) -> [Int]? {
        guard terms.count == 1, terms[0].utf8.count == 1, let slot = Self.slot(of: terms[0].utf8.first!) else { return nil }
        return lists[slot].map(Int.init)
    }

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
    private static let terms = alphabet.map { String(decoding: [$0], as: UTF8.self) }

    private static func slot(of byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): 26 + Int(byte - UInt8(ascii: "0"))
        default: nil
        }
    }

    /// For a student whose names are plain ASCII, each letter's rank (`SearchRank.rawValue`,
    /// -1 when absent) into `ranks`, read from bytes: in ASCII text a letter is a character
    /// of its own, so a word starts with it when its first byte is it. False for any other
    /// student. `ranks` is one buffer for every student: a district is 50,000 of them.
    private static func asciiRanks(_ student: SearchFields, into ranks: inout [Int8]) -> Bool {
        guard student.isASCII else { return false }
        for slot in ranks.indices { ranks[slot] = -1 }
        // The search finds only students whose key holds the letter (see `StudentSearchIndex`).
        var everything = student.everything
        everything.withUTF8 { bytes in
            for byte in bytes { if let slot = slot(of: byte) { ranks[slot] = Int8(SearchRank.anywhere.rawValue) } }
        }
        var plain = true
        func mark(_ words: some Sequence<String>, _ rank: SearchRank) {
            for word in words {
                var bytes = word.utf8.makeIterator()
                guard let first = bytes.next(), let slot = slot(of: first), ranks[slot] >= 0 else { continue }
                // A byte from outside ASCII next could be a mark joined to the letter ("é" as "e" + accent).
                if let second = bytes.next(), second >= 0x80 { plain = false }
                ranks[slot] = Int8(rank.rawValue)
            }
        }
        // Better ranks overwrite worse ones: other names, then the ID, first, family names.
        mark(student.other, .otherNamePrefix)
        mark(CollectionOfOne(student.id), .idPrefix)
        mark(student.first, .firstNamePrefix)
        mark(student.family, .familyNamePrefix)
        return plain
    }

    /// The letters and digits whose byte occurs in a student's names or ID: a character equal
    /// to an ASCII letter is that byte alone, so no other letter can match.
    private static func slots(occurringIn student: SearchFields) -> [Int] {
        var present = [Bool](repeating: false, count: alphabet.count)
        for text in [student.everything, student.id] + student.family + student.first + student.other {
            for byte in text.utf8 { if let slot = slot(of: byte) { present[slot] = true } }
        }
        return present.indices.filter { present[$0] }
    }
}
