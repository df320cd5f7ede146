import Foundation

/// Parses the dates a counselor types for a follow-up: "2026-12-05", "+7d", "+2w",
/// "today", "tomorrow", a weekday ("fri", "friday": the next one after today), "next fri"
/// (that day in next week; weeks start on Monday), "next week" (its Monday), and "in 3 days"
/// or "in 2 weeks". The one date parser: the editor, the plan forms and the CLI use it.
public enum DueDate {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let text: String
        /// Short enough for an 80-column footer whatever was typed: a long entry is cut in
        /// the quote (the field still shows it whole).
        public var description: String {
            "\"\(Self.quoted(text))\" is not a date; try fri, next fri, in 2 weeks or 2026-12-05"
        }

        /// At most 13 columns, counting a character from U+1100 on (CJK, emoji) as two.
        private static func quoted(_ text: String) -> String {
            var kept = "", columns = 0
            for character in text {
                let width = character.unicodeScalars.first.map { $0.value >= 0x1100 ? 2 : 1 } ?? 1
                guard columns + width <= 12 else { return kept + "…" }
                kept.append(character)
                columns += width
            }
            return kept
        }
    }

    private static let weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    private static let fullWeekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    /// The longest a relative date reaches: ten years.
    private static let maximumDays = 3650

    public static func parse(_ text: String, today: CivilDate) throws(ParseError) -> CivilDate {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        let words = word.split(separator: " ").map(String.init)
        if let date = CivilDate(iso: word) { return date }
        switch word {
        case "today": return today
        case "tomorrow", "tmrw": return today.adding(days: 1)
        default: break
        }
        if word.hasPrefix("+"), let unit = word.last, let count = Int(word.dropFirst().dropLast()),
           let date = ahead(count, unit: String(unit), from: today) {
            return date
        }
        if words.count == 3, words[0] == "in", let count = words[1] == "a" ? 1 : Int(words[1]),
           let date = ahead(count, unit: words[2], from: today) {
            return date
        }
        if words.count == 2, words[0] == "next" {
            // Next week's Monday, then the day asked for within that week.
            let monday = today.adding(days: 7 - (today.weekday + 6) % 7)
            if words[1] == "week" { return monday }
            if let index = weekday(words[1]) { return monday.adding(days: (index + 6) % 7) }
        }
        if let index = weekday(word) {
            let ahead = (index - today.weekday + 7) % 7
            return today.adding(days: ahead == 0 ? 7 : ahead)
        }
        throw ParseError(text: text)
    }

    /// "fri", "frid", "friday": the weekday's index (0 Sunday), or nil.
    private static func weekday(_ word: String) -> Int? {
        guard word.count >= 3, let index = weekdays.firstIndex(where: { word.hasPrefix($0) }),
              fullWeekdayNames[index].hasPrefix(word) else { return nil }
        return index
    }

    /// `count` days ("d", "day", "days") or weeks ("w", "week", "weeks") after `today`.
    private static func ahead(_ count: Int, unit: String, from today: CivilDate) -> CivilDate? {
        let days: Int
        switch unit {
        case "d", "day", "days": days = count
        case "w", "week", "weeks": days = count.multipliedReportingOverflow(by: 7).overflow ? Int.max : count * 7
        default: return nil
        }
        guard count >= 0, days <= maximumDays else { return nil }
        return today.adding(days: days)
    }
}
