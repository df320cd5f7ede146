import Foundation

/// Parses the dates a counselor types for a follow-up: "2026-12-05", "+7d", "+2w",
/// "today", "tomorrow", or a weekday ("fri", "friday": the next one after today).
public enum DueDate {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let text: String
        public var description: String {
            "\"\(text)\" is not a date; expected YYYY-MM-DD, +7d, +2w, today, tomorrow or a weekday such as fri"
        }
    }

    private static let weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    public static func parse(_ text: String, today: CivilDate) throws(ParseError) -> CivilDate {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let date = CivilDate(iso: word) { return date }
        switch word {
        case "today": return today
        case "tomorrow", "tmrw": return today.adding(days: 1)
        default: break
        }
        if word.hasPrefix("+"), let unit = word.last, let count = Int(word.dropFirst().dropLast()),
           count >= 0, count <= 3650 {
            switch unit {
            case "d": return today.adding(days: count)
            case "w": return today.adding(days: 7 * count)
            default: break
            }
        }
        if word.count >= 3, let index = weekdays.firstIndex(where: { word.hasPrefix($0) }),
           fullWeekdayNames[index].hasPrefix(word) {
            let ahead = (index - today.weekday + 7) % 7
            return today.adding(days: ahead == 0 ? 7 : ahead)
        }
        throw ParseError(text: text)
    }

    private static let fullWeekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
}
