import Foundation

/// What the reports need to know about one student, gathered once.
public struct ReportStudent: Equatable, Sendable {
    public var student: Student
    public var schoolName: String
    public var counselorName: String?
    public var pathwayTitle: String?
    public var lastContact: Date?
    public var completedMilestoneIds: Set<String>
    public var tier: Int?
    public var hasActiveIntervention: Bool
    /// The plan's postsecondary goal; nil where it is not known (the hub's reports).
    public var goal: PostsecondaryGoal?
    /// Where each of their college applications stands (empty: none, or not known, as at the hub).
    public var applications: [CollegeApplicationStatus]

    public init(student: Student, schoolName: String, counselorName: String?, pathwayTitle: String?, lastContact: Date?,
                completedMilestoneIds: Set<String>, tier: Int?, hasActiveIntervention: Bool = false, goal: PostsecondaryGoal? = nil,
                applications: [CollegeApplicationStatus] = []) {
        self.student = student
        self.schoolName = schoolName
        self.counselorName = counselorName
        self.pathwayTitle = pathwayTitle
        self.lastContact = lastContact
        self.completedMilestoneIds = completedMilestoneIds
        self.tier = tier
        self.hasActiveIntervention = hasActiveIntervention
        self.goal = goal
        self.applications = applications
    }
}

/// How students are grouped in a report.
public enum ReportGrouping: String, CaseIterable, Sendable {
    case counselor, grade, school, pathway, gender, race, englishLearner = "el", specialEducation = "sped",
         economicallyDisadvantaged = "econ"

    public var title: String {
        switch self {
        case .counselor: "Counselor"
        case .grade: "Grade"
        case .school: "School"
        case .pathway: "Pathway"
        case .gender: "Gender"
        case .race: "Race/ethnicity"
        case .englishLearner: "English learner"
        case .specialEducation: "Special education"
        case .economicallyDisadvantaged: "Economically disadvantaged"
        }
    }

    func group(of item: ReportStudent) -> String {
        func yesNo(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "not recorded" }
        switch self {
        case .counselor: return item.counselorName ?? "no counselor"
        case .grade: return "Grade \(item.student.grade)"
        case .school: return item.schoolName
        case .pathway: return item.pathwayTitle ?? "no pathway"
        case .gender: return item.student.gender ?? "not recorded"
        case .race:
            let title = RaceEthnicity.title(of: item.student.raceEthnicity ?? "")
            return title.isEmpty ? "not recorded" : title
        case .englishLearner: return yesNo(item.student.englishLearner)
        case .specialEducation: return yesNo(item.student.specialEducation)
        case .economicallyDisadvantaged: return yesNo(item.student.economicallyDisadvantaged)
        }
    }
}

/// The three reports leaders read: who has been seen, milestone completion, early-warning tiers.
public enum Reports {
    public static func coverage(_ students: [ReportStudent], by grouping: ReportGrouping, days: Int, now: Date,
                                minimumGroup: Int) -> Report {
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        return build("Coverage: students seen in the last \(days) days", students, grouping, minimumGroup,
                     measures: ["Seen (%)"]) { group in
            [percent(group.filter { ($0.lastContact ?? .distantPast) >= cutoff }.count, of: group.count)]
        }
    }

    /// `applies`: whether the milestone is one a student with that goal has (the catalog's
    /// `goals`); students it is not for (FAFSA and a military-bound senior) are left out of
    /// the percentage rather than counted as not done.
    public static func milestone(_ students: [ReportStudent], id: String, title: String, grade: Grade?, by grouping: ReportGrouping,
                                 minimumGroup: Int, applies: (PostsecondaryGoal) -> Bool = { _ in true }) -> Report {
        let scope = (grade.map { g in students.filter { $0.student.grade == g } } ?? students)
            .filter { student in student.goal.map(applies) ?? true }
        let who = grade.map { "grade \($0)" } ?? "all students"
        return build("Milestone: \(title), \(who)", scope, grouping, minimumGroup, measures: ["Done (%)"]) { group in
            [percent(group.filter { $0.completedMilestoneIds.contains(id) }.count, of: group.count)]
        }
    }

    public static func tiers(_ students: [ReportStudent], by grouping: ReportGrouping, minimumGroup: Int) -> Report {
        build("Early-warning tiers and interventions", students, grouping, minimumGroup,
              measures: ["Tier 1 (%)", "Tier 2 (%)", "Tier 3 (%)", "No data (%)", "Tier 2-3 helped (%)"]) { group in
            let flagged = group.filter { ($0.tier ?? 1) >= 2 }
            return [1, 2, 3].map { tier in percent(group.filter { $0.tier == tier }.count, of: group.count) }
                + [percent(group.filter { $0.tier == nil }.count, of: group.count),
                   percent(flagged.filter(\.hasActiveIntervention).count, of: flagged.count)]
        }
    }

    /// College applications and outcomes (issue 16, item 4), of `grade` (seniors, as the
    /// screen asks) or of all students: who applied (sent at least one), how many each
    /// applicant sent, and of the applicants who was admitted somewhere and who enrolled.
    /// Groups are the students of the scope, suppressed as every report's are.
    public static func applications(_ students: [ReportStudent], grade: Grade?, by grouping: ReportGrouping,
                                    minimumGroup: Int) -> Report {
        let scope = grade.map { g in students.filter { $0.student.grade == g } } ?? students
        let who = grade.map { "grade \($0)" } ?? "all students"
        return build("College applications and outcomes, \(who)", scope, grouping, minimumGroup,
                     measures: ["Applied (%)", "Sent each", "Admitted (%)", "Waitlist only (%)", "Enrolled (%)"]) { group in
            let applicants = group.filter { $0.applications.contains(where: \.isSubmitted) }
            let sent = applicants.map { $0.applications.filter(\.isSubmitted).count }.reduce(0, +)
            return [percent(applicants.count, of: group.count),
                    applicants.isEmpty ? nil : (Double(sent) * 10 / Double(applicants.count)).rounded() / 10,
                    percent(applicants.filter { $0.applications.contains(where: \.isAdmitted) }.count, of: applicants.count),
                    percent(applicants.filter { !$0.applications.contains(where: \.isAdmitted)
                        && $0.applications.contains(.waitlisted) }.count, of: applicants.count),
                    percent(applicants.filter { $0.applications.contains(.enrolled) }.count, of: applicants.count)]
        }
    }

    private static func build(_ title: String, _ students: [ReportStudent], _ grouping: ReportGrouping, _ minimum: Int,
                              measures: [String], values: ([ReportStudent]) -> [Double?]) -> Report {
        let groups = Dictionary(grouping: students) { grouping.group(of: $0) }
        // "Grade 9" before "Grade 10": numbers inside group names sort as numbers.
        let rows = groups.keys.sorted { $0.compare($1, options: .numeric) == .orderedAscending }.map { key in
            Report.Row(group: key, count: groups[key]!.count, values: values(groups[key]!))
        }
        return Report(title: title, groupTitle: grouping.title, measures: measures,
                      rows: Suppression.apply(rows, minimum: minimum),
                      total: Report.Row(group: "All", count: students.count, values: values(students)))
    }

    private static func percent(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : (Double(part) * 1000 / Double(whole)).rounded() / 10
    }
}
