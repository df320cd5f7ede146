import Foundation
import PropertyBased
import WaypointCore
import WaypointStore

/// One thing that happens in a convergence run: a counselor's work on their workstation
/// (offline or not), a caseload move at the hub, a workstation going off or on line, or a
/// sync. Numbers, not records: `student` picks among the students the workstation may see
/// when the step runs (that set changes as students move), `detail` picks the milestone,
/// status, year or goal. So a failing run shrinks to a shorter list of smaller numbers.
public struct WorkStep: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case session, confidentialSession, amendment, milestone, addCourse, moveCourse, removeCourse, goals
        case followUp, closeFollowUp, caseloadMove, offline, sync
    }

    public var kind: Kind
    public var station: Int
    public var student: Int
    public var detail: Int

    public init(kind: Kind, station: Int, student: Int, detail: Int) {
        self.kind = kind
        self.station = station
        self.student = student
        self.detail = detail
    }

    public var description: String { "\(kind)@\(station) s\(student) d\(detail)" }
}

/// A convergence run: the steps, then the order the workstations sync in for each of the
/// two final rounds.
public struct WorkPlan: Sendable, CustomStringConvertible {
    public var steps: [WorkStep]
    public var rounds: [[Int]]

    public var description: String {
        "\(steps.count) steps [\(steps.map(\.description).joined(separator: ", "))], final rounds \(rounds)"
    }
}

/// What a step wrote that must never be lost: a note (at the hub, or kept among the refused
/// changes), or a follow-up's text.
public struct Written: Sendable, Equatable {
    public var text: String
    public var isConfidential: Bool
    public var station: Int
}

/// The one source of random work for the convergence tests (the model hub's and the
/// PostgreSQL hub's): the generator of plans, and the workstation side of each step.
public enum RandomWork {
    /// Each kind of step and how often it comes (syncs often, so edits meet both ways).
    public static let weights: [(WorkStep.Kind, Int)] = [
        (.session, 3), (.confidentialSession, 2), (.amendment, 3), (.milestone, 4), (.addCourse, 3), (.moveCourse, 2),
        (.removeCourse, 3), (.goals, 2), (.followUp, 2), (.closeFollowUp, 2), (.caseloadMove, 1), (.offline, 2), (.sync, 7),
    ]

    /// Plans of `steps` steps by `stations` workstations, of the kinds in `kinds` (all by
    /// default; a test leaves out what it cannot do).
    public static func plans(stations: Int, steps: ClosedRange<Int>,
                             kinds: Set<WorkStep.Kind> = Set(WorkStep.Kind.allCases)) -> Generator<WorkPlan, AnySequence<Any>> {
        let table = weights.filter { kinds.contains($0.0) }.flatMap { kind, weight in Array(repeating: kind, count: weight) }
        let step = zip(Gen.int(in: 0...(table.count - 1)), Gen.int(in: 0...(stations - 1)), Gen.int(in: 0...99),
                       Gen.int(in: 0...99))
            .map { drawn in WorkStep(kind: table[drawn.0], station: drawn.1, student: drawn.2, detail: drawn.3) }
        let order = Gen<[Int]>.shuffled(Array(0..<stations))
        return zip(step.array(of: steps), order, order).map { drawn in WorkPlan(steps: drawn.0, rounds: [drawn.1, drawn.2]) }
            .eraseToAny()
    }

    static let milestones = ["fafsa", "psat", "sat-act"]
    static let statuses: [MilestoneStatus] = [.notStarted, .inProgress, .done, .waived]
    static let goals: [PostsecondaryGoal] = [.fourYear, .twoYear, .apprenticeship, .military]
    static let today = CivilDate(year: 2026, month: 12, day: 3)

    /// Does `step` (one of the workstation's own kinds: not a move, going offline or a sync)
    /// by `counselorId` on `studentId`; returns what it wrote that must not be lost.
    public static func perform(_ step: WorkStep, on database: AppDatabase, by counselorId: Int64, studentId: Int64,
                               label: String) throws -> [Written] {
        let detail = step.detail
        switch step.kind {
        case .session, .confidentialSession:
            let confidential = step.kind == .confidentialSession
            let note = "\(label) \(confidential ? "confidential" : "open") note"
            try database.recordSession(AdvisingSession(studentId: studentId, authorId: counselorId, startedAt: Date(),
                                                       durationMinutes: 15, kind: "check-in", topics: ["\(label) topic"],
                                                       isConfidential: confidential, note: note))
            return [Written(text: note, isConfidential: confidential, station: step.station)]
        case .amendment:
            // The counselor's own latest session, amended (a new note version, perhaps a follow-up).
            guard let own = try database.sessions(studentId: studentId, viewerId: counselorId)
                .first(where: { $0.session.authorId == counselorId })?.session else { return [] }
            let note = "\(label) amendment"
            let followUp = detail % 2 == 0 ? "\(label) follow-up of a session" : nil
            // Half the time a topic is dropped too (a removal that must reach everyone).
            let topics = (detail % 4 < 2 ? Array(own.topics.dropFirst()) : own.topics) + ["amended \(label)"]
            try database.amendSession(id: own.id!, note: note, kind: own.kind, topics: topics,
                                      participants: own.participants, durationMinutes: own.durationMinutes,
                                      isConfidential: own.isConfidential, by: counselorId,
                                      newFollowUps: followUp.map { [(dueDate: nil, text: $0)] } ?? [])
            return [Written(text: note, isConfidential: own.isConfidential, station: step.station)]
                + (followUp.map { [Written(text: $0, isConfidential: own.isConfidential, station: step.station)] } ?? [])
        case .milestone:
            try database.setMilestone(MilestoneRecord(studentId: studentId, milestoneId: milestones[detail % milestones.count],
                                                      status: statuses[detail / milestones.count % statuses.count]),
                                      today: today, by: counselorId)
        case .addCourse:
            _ = try database.addCourse(PlannedCourse(studentId: studentId, year: Grade(rawValue: 9 + detail % 4)!,
                                                     title: "\(label) course", subject: "science", credits: 1), by: counselorId)
        case .moveCourse:
            let courses = try database.plan(studentId: studentId).courses
            guard !courses.isEmpty else { return [] }
            let course = courses[detail % courses.count]
            try database.moveCourse(id: course.id!, toYear: Grade(rawValue: 9 + (course.year.rawValue - 8) % 4)!, by: counselorId)
        case .removeCourse:
            let courses = try database.plan(studentId: studentId).courses
            guard !courses.isEmpty else { return [] }
            try database.removeCourse(id: courses[detail % courses.count].id!, by: counselorId)
        case .goals:
            try database.setGoals(studentId: studentId, PlanGoals(postsecondary: goals[detail % goals.count],
                                                                  careerInterests: ["\(label) interest"]), by: counselorId)
        case .followUp:
            let text = "\(label) follow-up"
            _ = try database.addFollowUp(studentId: studentId, authorId: counselorId, text: text, dueDate: nil)
            return [Written(text: text, isConfidential: false, station: step.station)]
        case .closeFollowUp:
            let open = try database.followUps(studentId: studentId, viewerId: counselorId)
            guard !open.isEmpty else { return [] }
            try database.setFollowUpStatus(id: open[detail % open.count].id!, to: .done, by: counselorId)
        case .caseloadMove, .offline, .sync:
            preconditionFailure("\(step.kind) is the test's to do")
        }
        return []
    }
}
