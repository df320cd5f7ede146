import Foundation

extension CivilDate {
    public init(year: Int, month: Int, day: Int) {
        self.init(days: CivilDate.days(year: year, month: month, day: day))
    }

    /// Strict "YYYY-MM-DD": a date that does not exist (2026-02-30) is nil, not rolled over.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.year == year, date.month == month, date.day == day else { return nil }
        self = date
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int { CivilDate.days(year: year, month: month, day: day) }

    /// 0 is Sunday, 6 is Saturday (1970-01-01 was a Thursday).
    public var weekday: Int { ((dayNumber % 7) + 7 + 4) % 7 }

    public func adding(days: Int) -> CivilDate { CivilDate(days: dayNumber + days) }

    /// The counselor's today, in their time zone: a note written at 11 pm belongs to today.
    public static func today(now: Date = Date(), timeZone: TimeZone = .current) -> CivilDate {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: now)
        return CivilDate(days: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public var description: String { iso }
}
