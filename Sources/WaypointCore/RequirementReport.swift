import Foundation

/// Where a requirement stands. Short carries the credits still missing, which is 0 when
/// only a named course is missing.
public enum RequirementStatus: Equatable, Sendable {
    case complete
    case onTrack
    case short(missing: Double)

    public var isShort: Bool {
        if case .short = self { return true }
        return false
    }
}

/// Credits toward one requirement, split the way a counselor talks about them.
public struct CreditTally: Equatable, Sendable {
    public var required: Double
    /// Completed and passed.
    public var earned: Double
    public var inProgress: Double
    public var planned: Double

    public init(required: Double, earned: Double = 0, inProgress: Double = 0, planned: Double = 0) {
        self.required = required
        self.earned = earned
        self.inProgress = inProgress
        self.planned = planned
    }

    /// Earned, in progress and planned together: what the plan will have if all goes well.
    public var scheduled: Double { earned + inProgress + planned }

    /// Trimester credits (1/3) do not add up exactly in binary; a thousandth is no credit.
    public static let tolerance = 0.001

    public var status: RequirementStatus {
        if earned + Self.tolerance >= required { return .complete }
        if scheduled + Self.tolerance >= required { return .onTrack }
        return .short(missing: required - scheduled)
    }

    /// "2 of 3 earned, 1 in progress, 1 planned".
    public var text: String {
        var parts = ["\(CreditFormat.text(earned)) of \(CreditFormat.text(required)) earned"]
        if inProgress > 0 { parts.append("\(CreditFormat.text(inProgress)) in progress") }
        if planned > 0 { parts.append("\(CreditFormat.text(planned)) planned") }
        return parts.joined(separator: ", ")
    }
}

/// One subject requirement of a set, checked against a plan.
public struct SubjectProgress: Identifiable, Equatable, Sendable {
    public var id: String
    public var title: String
    /// Credits counted toward this requirement (never more than it asks; the rest went to
    /// the next requirement accepting the subject, or to electives).
    public var credits: CreditTally
    /// Named courses the plan does not have at all, not even planned.
    public var missingCourses: [String]
    /// Named courses planned or in progress, not yet earned.
    public var pendingCourses: [String]
    /// More credits in the subject's areas than required by more than a full year of the
    /// subject (1 credit): not an error, but worth a word with the student.
    public var overPlanned: Bool

    public init(id: String, title: String, credits: CreditTally, missingCourses: [String] = [],
                pendingCourses: [String] = [], overPlanned: Bool = false) {
        self.id = id
        self.title = title
        self.credits = credits
        self.missingCourses = missingCourses
        self.pendingCourses = pendingCourses
        self.overPlanned = overPlanned
    }

    /// Credits decide first; a missing named course makes the subject short even with
    /// credits to spare, and a pending one keeps it from being complete.
    public var status: RequirementStatus {
        switch credits.status {
        case .short: return credits.status
        case _ where !missingCourses.isEmpty: return .short(missing: 0)
        case .complete where !pendingCourses.isEmpty: return .onTrack
        default: return credits.status
        }
    }

    /// "Math: 2 of 3 earned, 1 planned, on track".
    public var summary: String {
        "\(title): \(credits.text), \(RequirementPhrase.status(status, missingCourses: missingCourses))"
    }
}

/// An endorsement of the set, checked against a plan.
public struct EndorsementProgress: Identifiable, Equatable, Sendable {
    public struct Subject: Equatable, Sendable {
        public var id: String
        public var title: String
        public var credits: CreditTally

        public init(id: String, title: String, credits: CreditTally) {
            self.id = id
            self.title = title
            self.credits = credits
        }
    }

    public var id: String
    public var title: String
    public var subjects: [Subject]
    /// The total the endorsement asks for, when it asks for more than the set.
    public var total: CreditTally?

    public init(id: String, title: String, subjects: [Subject], total: CreditTally?) {
        self.id = id
        self.title = title
        self.subjects = subjects
        self.total = total
    }

    public var status: RequirementStatus {
        let tallies = subjects.map(\.credits) + (total.map { [$0] } ?? [])
        if tallies.allSatisfy({ $0.status == .complete }) { return .complete }
        let subjectShort = subjects.reduce(0) { $0 + max(0, $1.credits.required - $1.credits.scheduled) }
        let totalShort = total.map { max(0, $0.required - $0.scheduled) } ?? 0
        let missing = max(subjectShort, totalShort)
        return missing > CreditTally.tolerance ? .short(missing: missing) : .onTrack
    }

    /// "STEM endorsement: Math 4 of 5 earned, 1 planned; Science 4 of 4 earned; on track".
    public var summary: String {
        var parts = subjects.map { "\($0.title) \($0.credits.text)" }
        if let total { parts.append("total \(total.text)") }
        parts.append(RequirementPhrase.status(status, missingCourses: []))
        return "\(title) endorsement: " + parts.joined(separator: "; ")
    }
}

/// A plan checked against one requirement set.
public struct RequirementReport: Equatable, Sendable {
    public var setId: String
    public var setTitle: String
    public var subjects: [SubjectProgress]
    /// Credits beyond the subjects: courses no requirement accepts, and overflow.
    public var electives: CreditTally
    public var total: CreditTally
    public var endorsements: [EndorsementProgress]
    /// The plan schedules more than the set's total by more than a year's load (a quarter
    /// of the total, one year of a four-year plan). Not an error: the UI mentions it.
    public var overPlanned: Bool

    public init(setId: String, setTitle: String, subjects: [SubjectProgress], electives: CreditTally,
                total: CreditTally, endorsements: [EndorsementProgress], overPlanned: Bool) {
        self.setId = setId
        self.setTitle = setTitle
        self.subjects = subjects
        self.electives = electives
        self.total = total
        self.endorsements = endorsements
        self.overPlanned = overPlanned
    }

    /// Every subject, the electives and the total are complete or on track. Endorsements
    /// are distinctions, not graduation, so they do not count here.
    public var isOnTrack: Bool {
        !subjects.contains { $0.status.isShort } && !electives.status.isShort && !total.status.isShort
    }

    public func subject(_ id: String) -> SubjectProgress? { subjects.first { $0.id == id } }

    public var overPlannedSubjects: [SubjectProgress] { subjects.filter(\.overPlanned) }

    /// One line per subject, then electives and total, for the plan screen and the
    /// printable plan.
    public var summaries: [String] {
        subjects.map(\.summary) + [
            "Electives: \(electives.text), \(RequirementPhrase.status(electives.status, missingCourses: []))",
            "Total: \(total.text), \(RequirementPhrase.status(total.status, missingCourses: []))",
        ]
    }

    /// What the plan still lacks, in one sentence: "Short 1 science credit and Geometry";
    /// nil when the plan is on track.
    public var missingSummary: String? {
        var items: [String] = []
        for subject in subjects {
            if case .short(let missing) = subject.credits.status, missing > CreditTally.tolerance {
                items.append(RequirementPhrase.credits(missing, of: subject.title))
            }
            items += subject.missingCourses
        }
        if case .short(let missing) = electives.status, missing > CreditTally.tolerance {
            items.append(RequirementPhrase.credits(missing, of: "elective"))
        }
        return items.isEmpty ? nil : "Short " + RequirementPhrase.list(items)
    }
}

/// The plain words of requirement summaries, in one place so every screen says it alike.
enum RequirementPhrase {
    static func status(_ status: RequirementStatus, missingCourses: [String]) -> String {
        switch status {
        case .complete: return "complete"
        case .onTrack: return "on track"
        case .short(let missing):
            var parts: [String] = []
            if missing > CreditTally.tolerance { parts.append("short \(CreditFormat.credits(missing))") }
            if !missingCourses.isEmpty { parts.append("needs \(list(missingCourses))") }
            return parts.joined(separator: ", ")
        }
    }

    /// "1 science credit", "2 world language or CTE credits".
    static func credits(_ credits: Double, of title: String) -> String {
        "\(CreditFormat.text(credits)) \(noun(title)) \(credits == 1 ? "credit" : "credits")"
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// A subject title mid-sentence: capitalized words read as common nouns ("science"),
    /// but acronyms ("CTE") and the one language name titles use ("English") keep theirs.
    static func noun(_ title: String) -> String {
        title.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let rest = word.dropFirst()
            guard word != "English", word.first?.isUppercase == true, rest.allSatisfy({ !$0.isUppercase }) else {
                return String(word)
            }
            return word.lowercased()
        }.joined(separator: " ")
    }
}
