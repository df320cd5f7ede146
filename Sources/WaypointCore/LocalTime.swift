import Foundation

/// "2026-11-23 14:05" in the counselor's time zone: how a session's start is shown and typed.
public enum LocalTime {
    public static func format(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        return day.iso + " " + two(parts.hour ?? 0) + ":" + two(parts.minute ?? 0)
    }

    /// Strict "YYYY-MM-DD HH:MM"; nil for anything else, including times that do not exist.
    public static func parse(_ text: String, timeZone: TimeZone) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let day = CivilDate(iso: String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":")
        guard clock.count == 2, clock.allSatisfy({ $0.count == 2 }), let hour = Int(clock[0]), let minute = Int(clock[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
