/// A course mark as report cards give it: a letter (A to F with + or -), pass/no pass, or
/// a percentage. Grade points and failing follow common US practice so term GPA and the
/// "failing a core course" rule read the same whatever scale a school uses.
public enum ABCMark: Equatable, Sendable, CustomStringConvertible {
    case letter(String)
    case pass
    case noPass
    case percent(Double)

    static let letters = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F"]

    /// Nil for anything else ("E", "105", "Incomplete").
    public init?(_ text: String) {
        let upper = text.uppercased()
        if ABCMark.letters.contains(upper) {
            self = .letter(upper)
        } else if upper == "P" {
            self = .pass
        } else if upper == "NP" {
            self = .noPass
        } else if let number = Double(text), number.isFinite, (0...100).contains(number),
                  text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            self = .percent(number)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .letter(let letter): letter
        case .pass: "P"
        case .noPass: "NP"
        case .percent(let value): value == value.rounded() ? String(Int(value)) : String(value)
        }
    }

    /// 4-point scale (A+ and A are 4.0, each - or + moves 0.3); percentages map 90/80/70/60
    /// to A/B/C/D. Nil for pass/no pass, which do not count toward GPA.
    public var gradePoints: Double? {
        switch self {
        case .pass, .noPass: return nil
        case .percent(let value):
            return value >= 90 ? 4 : value >= 80 ? 3 : value >= 70 ? 2 : value >= 60 ? 1 : 0
        case .letter(let letter):
            let base: Double = ["A": 4, "B": 3, "C": 2, "D": 1, "F": 0][String(letter.prefix(1))] ?? 0
            if letter == "A+" || letter == "F" { return base }
            return base + (letter.hasSuffix("+") ? 0.3 : letter.hasSuffix("-") ? -0.3 : 0)
        }
    }

    /// F, NP, or below 60%.
    public var isFailing: Bool {
        switch self {
        case .noPass: true
        case .pass: false
        case .letter(let letter): letter == "F"
        case .percent(let value): value < 60
        }
    }
}
