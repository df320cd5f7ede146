import Foundation
@testable import WaypointCore
import XCTest
@testable import Interchange

/// The date checks work on UTF-8 bytes (issue 17: splitting every dateLastModified into
/// Characters was an eighth of an import). They must accept and refuse exactly what the
/// Character-based checks they replaced did: those are kept here as the reference.
final class RosterValuesBytesTests: XCTestCase {
    func testKnownCasesAgreeWithTheReference() {
        let cases = [
            "2010-04-17", "2024-02-29", "2023-02-29", "2023-13-01", "2023-00-10", "2023-01-00", "2023-01-32", "2023-04-31",
            "2023-4-01", "20230-01-01", "2023/01/01", "２０２３-01-01", "2023-01-0\u{0661}", "2023-01-01\u{301}", "",
            "2023-05-01T18:25:43.511Z", "2023-05-01T18:25:43Z", "2023-05-01T18:25:43", "2023-05-01T18:25:43+02:00",
            "2023-05-01T18:25:43.5-05:30", "2023-05-01T24:00:00Z", "2023-05-01T23:60:00Z", "2023-05-01T23:59:60Z",
            "2023-05-01T23:59:61Z", "2023-05-01 18:25:43Z", "2023-05-01T18:25Z", "2023-05-01T18:25:43.Z",
            "2023-05-01T18:25:43+2:00", "2023-05-01T18:25:43+", "2023-05-01T", "2023-05-01TZ", "2023-05-01T18:25:43ZZ",
            "2023-05-01T18:25:43.5.5Z", "2023-05-01T1８:25:43Z", "2023-05-01T18:25:43+24:00", "2023-05-01T18:25:43-00:60",
            "2023-05-01TT18:25:43", "2023-05-01T18:25:4\u{301}3Z",
        ]
        for text in cases {
            XCTAssertEqual(RosterValues.isDate(text), Reference.isDate(text), "isDate(\(text.debugDescription))")
            XCTAssertEqual(RosterValues.isDateTime(text), Reference.isDateTime(text), "isDateTime(\(text.debugDescription))")
        }
    }

    func testRandomTextAgreesWithTheReference() {
        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        print("RosterValuesBytesTests seed: \(seed) (a failure replays with this seed)")
        var rng = SplitMix64(seed: seed)
        // Mostly well-formed, with one or two characters changed, so both sides get exercised.
        let alphabet = Array("0123456789-T:Z+.5 é\u{301}８x")
        let bases = ["2023-05-01T18:25:43.511Z", "2024-02-29", "2023-12-31T23:59:60+14:00", "1999-01-01T00:00:00-05:30"]
        for _ in 0..<20_000 {
            var characters = Array(bases[Int(rng.next() % UInt64(bases.count))])
            for _ in 0..<(1 + rng.next() % 3) {
                let position = Int(rng.next() % UInt64(characters.count + 1))
                let character = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                switch rng.next() % 3 {
                case 0 where position < characters.count: characters[position] = character
                case 1 where position < characters.count: characters.remove(at: position)
                default: characters.insert(character, at: position)
                }
            }
            let text = String(characters)
            XCTAssertEqual(RosterValues.isDate(text), Reference.isDate(text), "seed \(seed): isDate(\(text.debugDescription))")
            XCTAssertEqual(RosterValues.isDateTime(text), Reference.isDateTime(text),
                           "seed \(seed): isDateTime(\(text.debugDescription))")
        }
    }
}

/// The checks as they were, on Characters.
private enum Reference {
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        let next = month == 12 ? CivilDate.days(year: year + 1, month: 1, day: 1)
                               : CivilDate.days(year: year, month: month + 1, day: 1)
        return day <= next - CivilDate.days(year: year, month: month, day: 1)
    }

    static func isDateTime(_ text: String) -> Bool {
        let pieces = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        guard pieces.count == 2, isDate(String(pieces[0])) else { return false }
        var time = Substring(pieces[1])
        if time.hasSuffix("Z") {
            time = time.dropLast()
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let offset = time[time.index(after: sign)...]
            guard isClock(offset, seconds: false) else { return false }
            time = time[..<sign]
        }
        if let dot = time.firstIndex(of: ".") {
            let fraction = time[time.index(after: dot)...]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            time = time[..<dot]
        }
        return isClock(time, seconds: true)
    }

    private static func isClock(_ text: Substring, seconds: Bool) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == (seconds ? 3 : 2), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return false }
        let numbers = parts.compactMap { Int($0) }
        return numbers[0] < 24 && numbers[1] < 60 && (!seconds || numbers[2] < 61)
    }
}
