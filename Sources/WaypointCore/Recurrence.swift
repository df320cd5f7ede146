import Foundation

/// How a follow-up repeats: every N days (weeks are 7 days), until a date or until stopped,
/// and, for a check-in plan, only while the student's early-warning tier is at least
/// `whileTier` ("every 2 weeks while tier 3").
///
/// The one rule for the next due date lives here (`nextDue`): the next one is due one
/// interval after the previous one's due date, not after the day it was marked done, so a
/// Tuesday check-in stays on Tuesdays. When the counselor is late and that day has already
/// passed, whole intervals are added until it is today or later: no reminder is born
/// overdue, and the rhythm keeps its weekday. Past `until`, the series ends.
public struct Recurrence: Equatable, Hashable, Sendable {
    public var everyDays: Int
    /// The last day a reminder of the series may fall on; nil: until stopped.
    public var until: CivilDate?
    /// A check-in plan: the next reminder is made only while the student's tier is at least
    /// this (2 or 3); nil: whatever the tier.
    public var whileTier: Int?

    /// The allowed intervals and tiers; the schema's CHECKs and the hub's rules say the same.
    public static let days = 1...365
    public static let tiers = 2...3
    public static let daysRule = NumberRule(Double(days.lowerBound)...Double(days.upperBound), whole: true)
    public static let tierRule = NumberRule(Double(tiers.lowerBound)...Double(tiers.upperBound), whole: true)

    public init(everyDays: Int, until: CivilDate? = nil, whileTier: Int? = nil) {
        self.everyDays = everyDays
        self.until = until
        self.whileTier = whileTier
    }

    /// The due date of the reminder that follows one due on `previous`, marked done on
    /// `today`; nil when the series has ended (past `until`).
    public func nextDue(after previous: CivilDate, today: CivilDate) -> CivilDate? {
        var next = previous.adding(days: everyDays)
        if next < today {
            let behind = today.dayNumber - next.dayNumber
            next = next.adding(days: (behind + everyDays - 1) / everyDays * everyDays)
        }
        if let until, until < next { return nil }
        return next
    }

    /// Whether a check-in plan goes on for a student of this tier (nil: no ABC data, which
    /// never reads as "no longer tier 3" nor as "still tier 3": the plan goes on, and the
    /// profile says the tier is unknown).
    public func continues(tier: Int?) -> Bool {
        guard let whileTier, let tier else { return true }
        return tier >= whileTier
    }

    /// "every 2 weeks", "every 10 days until 2027-01-31", "every 2 weeks while tier 3".
    public var words: String {
        var text = everyDays % 7 == 0
            ? (everyDays == 7 ? "every week" : "every \(everyDays / 7) weeks")
            : (everyDays == 1 ? "every day" : "every \(everyDays) days")
        if let whileTier { text += whileTier == 3 ? " while tier 3" : " while tier \(whileTier) or 3" }
        if let until { text += " until \(until.iso)" }
        return text
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let text: String
        public var description: String {
            "\"\(text)\" is not a repeat interval; expected a number of days or weeks such as 14d or 2w (1 day to 52 weeks)"
        }
    }

    /// "2w", "14d", "14" (days), "2 weeks", "10 days"; blank is no repeat (nil).
    public static func parseInterval(_ text: String) throws(ParseError) -> Int? {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if word.isEmpty { return nil }
        let digits = word.prefix { $0.isNumber }
        let unit = word.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.count <= 4, let count = Int(digits) else { throw ParseError(text: text) }
        let multiplier: Int
        switch unit {
        case "", "d", "day", "days": multiplier = 1
        case "w", "wk", "week", "weeks": multiplier = 7
        default: throw ParseError(text: text)
        }
        guard days.contains(count * multiplier) else { throw ParseError(text: text) }
        return count * multiplier
    }
}

extension Recurrence {
    /// Why this repeat cannot go with a reminder due on `dueDate`, as a sentence; nil if it can.
    public func problem(dueDate: CivilDate?) -> String? {
        guard let dueDate else { return "A repeating reminder needs a due date to count from." }
        if !Self.days.contains(everyDays) { return "A reminder repeats every 1 to 365 days (52 weeks)." }
        if let whileTier, !Self.tiers.contains(whileTier) { return "A check-in plan runs while tier 2 or 3." }
        if let until, until < dueDate { return "The repeat ends (\(until.iso)) before the first one is due (\(dueDate.iso))." }
        return nil
    }
}

/// What marking a repeating reminder done led to.
public enum RecurrenceOutcome: Equatable, Sendable {
    /// The next reminder of the series, and when it is due.
    case next(id: Int64, due: CivilDate)
    /// It had been done before and its next already exists: nothing new.
    case alreadyMade(id: Int64)
    case ended(Ending)

    public enum Ending: Equatable, Sendable {
        /// The next one would fall after the series' last day.
        case untilReached
        /// A check-in plan whose student is no longer at its tier (the tier now).
        case tierDropped(tier: Int)
    }

    /// "The next one is due 2026-12-17.", for a status line or the command line.
    public var sentence: String {
        switch self {
        case .next(_, let due): "The next one is due \(due.iso)."
        case .alreadyMade(let id): "Its next one was already made (follow-up \(id))."
        case .ended(.untilReached): "That was the last one: the repeat has reached its end date."
        case .ended(.tierDropped(let tier)):
            "The check-in plan has ended: the student is now tier \(tier), below the plan's tier."
        }
    }
}
