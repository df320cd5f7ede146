import Foundation
import PostgresNIO
import WaypointCore

/// The leaders' reports over the whole district, read from the hub as a lead (who sees
/// `report_*` views only: no names, no note text). The hub hands over per-student facts;
/// the report itself (grouping, measures, small-group suppression) is WaypointCore's
/// `Reports`, the same code a workstation runs, so the two never disagree on a rule.
public enum HubReports {
    /// Every active student in the district (or on one counselor's caseload, by sourcedId),
    /// as a report sees them. Students carry their sourcedId in place of a name: a lead may
    /// not read names, and no report shows one.
    public static func students(on hub: HubConnection, counselor: String? = nil,
                                catalogs: Catalogs) async throws(HubError) -> [ReportStudent] {
        var counselorOf: [String: (name: String, sortKey: String)] = [:]
        for row in try await hub.query("""
            SELECT student_sourced_id, counselor_sourced_id, counselor_name, family_name || ' ' || given_name
            FROM waypoint.report_caseload
            """) {
            guard let (student, who, name, sortKey) = try? row.decode((String, String, String, String).self) else { continue }
            if let counselor, who != counselor { continue }
            // A student on two caseloads is counted under one counselor, the first by name,
            // as on a workstation (AppDatabase.counselorNamesByStudent).
            if let known = counselorOf[student], known.sortKey <= sortKey { continue }
            counselorOf[student] = (name, sortKey)
        }
        var schools: [String: String] = [:]
        for row in try await hub.query("SELECT sourced_id, name FROM waypoint.school") {
            guard let (id, name) = try? row.decode((String, String).self) else { continue }
            schools[id] = name
        }
        var pathway: [String: String] = [:]
        for row in try await hub.query("SELECT student_sourced_id, pathway_id FROM waypoint.report_plan WHERE pathway_id IS NOT NULL") {
            guard let (student, id) = try? row.decode((String, String).self) else { continue }
            pathway[student] = id
        }
        var completed: [String: Set<String>] = [:]
        for row in try await hub.query("""
            SELECT student_sourced_id, milestone_id FROM waypoint.report_milestone
            WHERE status IN (\(MilestoneStatus.done.rawValue), \(MilestoneStatus.waived.rawValue))
            """) {
            guard let (student, milestone) = try? row.decode((String, String).self) else { continue }
            completed[student, default: []].insert(milestone)
        }
        var helped: Set<String> = []
        for row in try await hub.query("SELECT DISTINCT student_sourced_id FROM waypoint.report_intervention WHERE status = 'active'") {
            if let student = try? row.decode(String.self) { helped.insert(student) }
        }
        var lastContact: [String: Date] = [:]
        for row in try await hub.query("""
            SELECT student_sourced_id, max(started_at) FROM waypoint.report_session
            WHERE NOT is_archived AND started_at IS NOT NULL GROUP BY student_sourced_id
            """) {
            guard let (student, text) = try? row.decode((String, String).self), let date = sessionDate(text) else { continue }
            lastContact[student] = date
        }
        let abc = try await abcBatches(on: hub)

        var result: [ReportStudent] = []
        var number: Int64 = 0
        for row in try await hub.query("""
            SELECT sourced_id, school_sourced_id, grade, gender, race_ethnicity, english_learner, special_education,
                   economically_disadvantaged
            FROM waypoint.report_student WHERE is_active ORDER BY sourced_id
            """) {
            guard let (id, school, gradeValue, gender, race, el, sped, econ) =
                    try? row.decode((String, String, Int, String?, String?, Bool?, Bool?, Bool?).self),
                  let grade = Grade(rawValue: gradeValue) else { continue }
            if counselor != nil && counselorOf[id] == nil { continue }
            number += 1
            let student = Student(id: number, sourcedId: id, localId: id, givenName: "", familyName: "", grade: grade,
                                  schoolId: 0, gender: gender, raceEthnicity: race, englishLearner: el,
                                  specialEducation: sped, economicallyDisadvantaged: econ)
            let tier = abc[id].map { $0.termsNewestFirst().assessment(rules: catalogs.earlyWarning).tier }
                ?? ABCBatch().assessment(rules: catalogs.earlyWarning).tier
            result.append(ReportStudent(
                student: student, schoolName: schools[school] ?? school, counselorName: counselorOf[id]?.name,
                pathwayTitle: pathway[id].map { catalogs.pathways.title(of: $0) }, lastContact: lastContact[id],
                completedMilestoneIds: completed[id] ?? [], tier: tier, hasActiveIntervention: helped.contains(id)))
        }
        return result
    }

    /// Attendance, behavior and marks by student, as the early-warning rules read them.
    /// The numbers inside each batch are only this read's (the rules never look at them).
    private static func abcBatches(on hub: HubConnection) async throws(HubError) -> [String: ABCBatch] {
        var batches: [String: ABCBatch] = [:]
        for row in try await hub.query("""
            SELECT student_sourced_id, term, start_date, end_date, days_enrolled, days_present FROM waypoint.report_abc_attendance
            """) {
            guard let (student, term, start, end, enrolled, present) = try? row.decode((String, String, String, String, Int, Int).self)
            else { continue }
            batches[student, default: ABCBatch()].attendance.append(
                ABCAttendance(studentId: 0, term: term, startDate: start, endDate: end, daysEnrolled: enrolled, daysPresent: present))
        }
        for row in try await hub.query("""
            SELECT student_sourced_id, date, kind, severity, suspension_days FROM waypoint.report_abc_incident
            ORDER BY date DESC, kind
            """) {
            guard let (student, date, kindText, severityText, days) = try? row.decode((String, String, String, String, Double).self),
                  let kind = ABCIncident.Kind(rawValue: kindText), let severity = ABCIncident.Severity(rawValue: severityText)
            else { continue }
            batches[student, default: ABCBatch()].incidents.append(
                ABCIncident(studentId: 0, date: date, kind: kind, severity: severity, suspensionDays: days))
        }
        for row in try await hub.query("""
            SELECT student_sourced_id, term, course, subject, mark, credits_attempted, credits_earned, is_core
            FROM waypoint.report_abc_mark
            """) {
            guard let (student, term, course, subject, markText, attempted, earned, core) =
                    try? row.decode((String, String, String, String?, String, Double, Double, Bool).self),
                  let mark = ABCMark(markText) else { continue }
            batches[student, default: ABCBatch()].marks.append(
                ABCCourseMark(studentId: 0, term: term, course: course, subject: subject, mark: mark,
                              creditsAttempted: attempted, creditsEarned: earned, isCore: core))
        }
        return batches
    }

    /// A session's start as a payload carries it: the workstation's stored text, which
    /// GRDB writes as "yyyy-MM-dd HH:mm:ss.SSS" in UTC (seconds without the fraction, or
    /// a "T", also occur). Anything else is no date: the student counts as not seen.
    static func sessionDate(_ text: String) -> Date? {
        let normalized = text.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
        for format in ["yyyy-MM-dd HH:mm:ss.SSS", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = format
            if let date = formatter.date(from: normalized) { return date }
        }
        return nil
    }
}
