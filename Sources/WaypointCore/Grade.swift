/// A grade level: -1 is pre-kindergarten, 0 kindergarten, 1...12 the grades, 13 post-graduate.
public struct Grade: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public static let range = -1...13
    public let rawValue: Int

    public init?(rawValue: Int) {
        guard Grade.range.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses what rosters and counselors write: "9", "09", "K", "KG", "PK", "13".
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        switch trimmed {
        case "PK", "PREK", "IT", "PR": self.init(rawValue: -1)
        case "K", "KG": self.init(rawValue: 0)
        case "PS", "PG": self.init(rawValue: 13)
        default:
            guard let number = Int(trimmed) else { return nil }
            self.init(rawValue: number)
        }
    }

    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch rawValue {
        case -1: "PK"
        case 0: "K"
        case 13: "PG"
        default: String(rawValue)
        }
    }

    public init(from decoder: Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Int.self)
        guard let grade = Grade(rawValue: value) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "grade \(value) is outside \(Grade.range)"))
        }
        self = grade
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
