/// What a search of one letter or digit finds, worked out for every letter and digit when a
/// search index is built: the first key of a search matches about half of a district, and
/// ranking and ordering those students on the keystroke took a frame or more at 50,000.
///
/// The results are those `StudentSearchIndex` finds by ranking (`SearchRanking`), in its
/// order: best rank first, then caseload (name) order. Two passes over the students in name
/// order, one counting and one filling, put every list in one array in its final order: a list
/// per letter and rank grown as it went, then joined, held the district's results twice.
struct SingleLetterResults: Sendable {
    /// Positions of the matching students, best first, for "a"..."z" then "0"..."9", one
    /// list after the other. `Int32` halves the memory of about 15 entries per student.
    private let positions: [Int32]
    /// Where each letter's list ends in `positions` (it starts where the one before ends).
    private let ends: [Int]

    private static let levels = 5

    /// `byPlace` lists positions in caseload order; nil when the students are in that order.
    /// `fallbackRanks`: `ranks(ofUnpacked:memo:)` of each student in `names.fallback`.
    init(_ names: PackedNames, byPlace: [Int]?, fallbackRanks: [Int: [Int8]]) {
        let count = names.count
        let levels = Self.levels
        var ranks = [Int8](repeating: -1, count: Self.alphabet.count)
        var sizes = [Int](repeating: 0, count: Self.alphabet.count * levels)
        for place in 0..<count {
            let index = byPlace?[place] ?? place
            if let known = fallbackRanks[index] { ranks = known } else { Self.ranks(names, index, into: &ranks) }
            for (slot, level) in ranks.enumerated() where level >= 0 { sizes[slot * levels + Int(level)] += 1 }
        }
        var next = [Int](repeating: 0, count: sizes.count)
        var total = 0
        for bucket in sizes.indices {
            next[bucket] = total
            total += sizes[bucket]
        }
        var filled = [Int32](repeating: 0, count: total)
        for place in 0..<count {
            let index = byPlace?[place] ?? place
            if let known = fallbackRanks[index] { ranks = known } else { Self.ranks(names, index, into: &ranks) }
            for (slot, level) in ranks.enumerated() where level >= 0 {
                let bucket = slot * levels + Int(level)
                filled[next[bucket]] = Int32(index)
                next[bucket] += 1
            }
        }
        positions = filled
        // After filling, a letter's last bucket ends where the letter's list ends.
        ends = (0..<Self.alphabet.count).map { next[$0 * levels + levels - 1] }
    }

    /// The positions found for the folded `terms`, or nil when they are not one letter or digit.
    func found(for terms: [String]) -> [Int]? {
        guard terms.count == 1, terms[0].utf8.count == 1, let slot = Self.slot(of: terms[0].utf8.first!) else { return nil }
        let start = slot == 0 ? 0 : ends[slot - 1]
        return positions[start..<ends[slot]].map(Int.init)
    }

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
    private static let terms = alphabet.map { String(decoding: [$0], as: UTF8.self) }

    @inline(__always)
    private static func slot(of byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): 26 + Int(byte - UInt8(ascii: "0"))
        default: nil
        }
    }

    /// Each letter's rank for student `index` (`SearchRank.rawValue`, -1 when absent) into
    /// `ranks`, one buffer for every student.
    private static func ranks(_ names: PackedNames, _ index: Int, into ranks: inout [Int8]) {
        for slot in ranks.indices { ranks[slot] = -1 }
        let packed = names.withRecord(index) { record -> Bool in
            guard let record else { return false }
            // Printable ASCII: a letter is a character of its own, so a word starts with it
            // when its first byte is it. The search finds only students whose key holds the
            // letter (see `StudentSearchIndex`), and every word is part of the key.
            let everythingEnd = PackedNames.everythingLength(record)
            for byte in record[0..<everythingEnd] {
                if let slot = slot(of: byte) { ranks[slot] = Int8(SearchRank.anywhere.rawValue) }
            }
            var position = everythingEnd
            while position < record.count {
                let kind = PackedNames.Kind(rawValue: record[position])!
                position += 1
                if position < record.count, record[position] >= 0x20, let slot = slot(of: record[position]),
                   ranks[slot] > Int8(kind.rank.rawValue) {
                    ranks[slot] = Int8(kind.rank.rawValue)
                }
                while position < record.count, record[position] >= 0x20 { position += 1 }
            }
            return true
        }
        if !packed, let student = names.fallback[index] { ranks = Self.ranks(of: student) }
    }

    /// Each letter's rank for a student whose names are not packed (`PackedNames.fallback`).
    /// Names repeat across a district far more than students do, so the ranks of the names
    /// are kept in `memo` and the ID (plain ASCII, nearly always) is added to them: asking
    /// `SearchRanking` letter by letter for a fifth of a district was most of the index's cost.
    static func ranks(ofUnpacked student: Student, memo: inout [[String]: [Int8]]) -> [Int8] {
        guard student.localId.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) else { return ranks(of: SearchFields(student)) }
        let key = [student.familyName, student.givenName, student.preferredName ?? "", student.middleName ?? ""]
        var ranks: [Int8]
        if let known = memo[key] {
            ranks = known
        } else {
            var withoutId = student
            withoutId.localId = ""
            ranks = Self.ranks(of: SearchFields(withoutId))
            memo[key] = ranks
        }
        // The ID is a word of its own in the key: its first letter ranks as an ID prefix,
        // every letter of it as found anywhere, whichever is better than the names give.
        let id = SearchText.fold(student.localId).utf8
        for (offset, byte) in id.enumerated() {
            guard let slot = slot(of: byte) else { continue }
            let rank = Int8(offset == 0 ? SearchRank.idPrefix.rawValue : SearchRank.anywhere.rawValue)
            if ranks[slot] < 0 || ranks[slot] > rank { ranks[slot] = rank }
        }
        return ranks
    }

    /// Names with letters outside ASCII: the ranking itself decides, asked only for the
    /// letters and digits whose byte occurs somewhere in the names.
    private static func ranks(of student: SearchFields) -> [Int8] {
        var ranks = [Int8](repeating: -1, count: alphabet.count)
        for slot in slots(occurringIn: student) {
            guard let rank = SearchRanking.rank(student, terms: [terms[slot]]) else { continue }
            ranks[slot] = Int8(rank.rawValue)
        }
        return ranks
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
