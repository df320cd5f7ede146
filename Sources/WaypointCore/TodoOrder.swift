/// How the to-do list (the screen's `t` and `waypoint todo`) orders and groups what is due:
/// by day, with overdue follow-ups first. A follow-up is a promise to a person; this year's
/// overdue milestones are a backlog that would otherwise bury it, so they come last. The
/// deadline of a college application still being prepared is a date to meet as a follow-up
/// is (`isFollowUp` true here, and in the follow-ups of `Show`).
public enum TodoOrder {
    /// Which items the list shows.
    public enum Show: String, CaseIterable, Equatable, Sendable {
        case both, followUps, milestones

        public var title: String {
            switch self {
            case .both: "follow-ups and milestones"
            case .followUps: "follow-ups only"
            case .milestones: "milestones only"
            }
        }

        /// The next choice of the key that steps through them.
        public var next: Show {
            let all = Show.allCases
            return all[(all.firstIndex(of: self)! + 1) % all.count]
        }

        public func includes(isFollowUp: Bool) -> Bool {
            switch self {
            case .both: true
            case .followUps: isFollowUp
            case .milestones: !isFollowUp
            }
        }
    }

    /// The sections of the list, in order.
    public enum Section: Int, Comparable, Sendable {
        case overdueFollowUps, upcoming, undated, overdueMilestones

        public static func < (lhs: Section, rhs: Section) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public static func section(isFollowUp: Bool, due: CivilDate?, today: CivilDate) -> Section {
        guard let due else { return .undated }
        if due < today { return isFollowUp ? .overdueFollowUps : .overdueMilestones }
        return .upcoming
    }

    /// The group an item is listed under: its section and its day.
    public struct Group: Equatable, Sendable {
        public var section: Section
        public var day: CivilDate?

        /// "Overdue", "Today", "Tomorrow", "Fri 12/4", "No date", "Milestones".
        public func title(today: CivilDate) -> String {
            switch section {
            case .overdueFollowUps: return "Overdue"
            case .undated: return "No date"
            case .overdueMilestones: return "Milestones"
            case .upcoming:
                guard let day else { return "" }
                switch day.dayNumber - today.dayNumber {
                case 0: return "Today"
                case 1: return "Tomorrow"
                default: return "\(Group.weekdays[day.weekday]) \(day.month)/\(day.day)"
                }
            }
        }

        /// By `CivilDate.weekday`: 0 is Sunday.
        private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    }

    public static func group(isFollowUp: Bool, due: CivilDate?, today: CivilDate) -> Group {
        let section = section(isFollowUp: isFollowUp, due: due, today: today)
        // What is due from today on, by day; overdue follow-ups and overdue milestones each
        // one group (oldest first), so the list stays a day planner rather than a history.
        return Group(section: section, day: section == .upcoming ? due : nil)
    }

    /// Whether the first item comes before the second: by section, then by day (oldest
    /// first), then follow-ups before milestones; nil when these do not tell (the caller
    /// then orders by student).
    public static func precedes(_ lhs: (isFollowUp: Bool, due: CivilDate?), _ rhs: (isFollowUp: Bool, due: CivilDate?),
                                today: CivilDate) -> Bool? {
        let l = section(isFollowUp: lhs.isFollowUp, due: lhs.due, today: today)
        let r = section(isFollowUp: rhs.isFollowUp, due: rhs.due, today: today)
        if l != r { return l < r }
        if let a = lhs.due, let b = rhs.due, a != b { return a < b }
        if lhs.isFollowUp != rhs.isFollowUp { return lhs.isFollowUp }
        return nil
    }

    /// "today", "tomorrow", "in 3 days", "2 days overdue": how far off a due day is, on
    /// screen and from `waypoint todo` alike.
    public static func when(_ due: CivilDate, today: CivilDate) -> String {
        let days = due.dayNumber - today.dayNumber
        switch days {
        case 0: return "today"
        case 1: return "tomorrow"
        case 2...: return "in \(days) days"
        case -1: return "1 day overdue"
        default: return "\(-days) days overdue"
        }
    }
}
