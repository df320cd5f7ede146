import Foundation
import WaypointCore

/// How dates read on screen: "2026-11-23 14:05", and "in 3 days" / "2 days overdue".
enum DateText {
    static func minute(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    static func day(_ date: Date, in timeZone: TimeZone) -> CivilDate {
        CivilDate.today(now: date, timeZone: timeZone)
    }

    /// "today", "in 3 days", "2 days overdue".
    static func due(_ date: CivilDate, today: CivilDate) -> String {
        TodoOrder.when(date, today: today)
    }

    /// "today", "yesterday", "12 days ago".
    static func ago(_ date: Date, now: Date, in timeZone: TimeZone) -> String {
        let days = day(now, in: timeZone).dayNumber - day(date, in: timeZone).dayNumber
        switch days {
        case ..<1: return "today"
        case 1: return "yesterday"
        default: return "\(days) days ago"
        }
    }

    /// "0d", "12d": the caseload's compact Seen column.
    static func daysAgo(_ date: Date, now: Date, in timeZone: TimeZone) -> String {
        "\(max(0, day(now, in: timeZone).dayNumber - day(date, in: timeZone).dayNumber))d"
    }
}
