import Foundation
import WaypointCore

/// How every command reads a date or a time typed on its command line, in one place, so
/// `--due`, `--start`, `--since` and `--at` accept the same forms and fail with the same
/// kind of sentence, naming the option.
enum DateOptions {
    /// A day as YYYY-MM-DD, `today`, `+7d`, `2w`, or a weekday (`fri`): the forms the session
    /// editor's follow-ups accept (`DueDate`).
    static func day(_ text: String, option: String, today: CivilDate = CivilDate.today()) throws -> CivilDate {
        do {
            return try DueDate.parse(text, today: today)
        } catch {
            throw CLIError("\(option) \(error)")
        }
    }

    /// An optional day option: nil when it was not given.
    static func day(_ text: String?, option: String, today: CivilDate = CivilDate.today()) throws -> CivilDate? {
        try text.map { try day($0, option: option, today: today) }
    }

    /// The first moment of a day given as YYYY-MM-DD, local time (`--since`).
    static func startOfDay(_ text: String, option: String) throws -> Date {
        guard let day = CivilDate(iso: text), let start = LocalTime.parse("\(day.iso) 00:00", timeZone: .current) else {
            throw CLIError("\(option) \"\(text)\": expected a date as YYYY-MM-DD")
        }
        return start
    }

    /// "2026-11-23 14:05" in local time (`--at`).
    static func time(_ text: String, option: String) throws -> Date {
        guard let date = LocalTime.parse(text, timeZone: .current) else {
            throw CLIError("\(option) \"\(text)\": expected \"YYYY-MM-DD HH:MM\" with a time from 00:00 to 23:59")
        }
        return date
    }
}
