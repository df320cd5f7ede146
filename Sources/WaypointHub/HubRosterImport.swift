import Foundation
import PostgresNIO
import WaypointCore

/// Applies a roster `RosterReader` validated to the hub, with the rules of the workstation's
/// import (AppDatabase.importRoster): records matched by sourcedId, added or updated; for
/// bulk files, those the roster no longer lists are made inactive, never deleted, and a
/// counselor's caseload assignments it no longer lists end; a student's grade and
/// demographics stay when the roster does not give them. One transaction: all or nothing.
/// Importing the same bundle twice changes nothing. The rows go over as one JSON document
/// per table and are matched set-wise, so a district-sized roster is a few statements.
public enum HubRosterImport {
    public static func apply(_ bundle: RosterBundle, source: String,
                             on hub: HubConnection) async throws(HubError) -> RosterImportSummary {
        try await hub.requireAdministrator()
        return try await hub.transaction { hub throws(HubError) in
            var summary = RosterImportSummary()
            summary.schools = try await applySchools(bundle, hub)
            summary.students = try await applyStudents(bundle, hub)
            summary.counselors = try await applyCounselors(bundle, hub)
            (summary.caseloadsAdded, summary.caseloadsRemoved) = try await applyCaseloads(bundle, hub)
            try await HubAudit.record(.importedRoster, subject: source, detail: summary, on: hub)
            return summary
        }
    }

    static func json(_ rows: [[String: Any?]]) -> String {
        let objects = rows.map { $0.mapValues { $0 ?? NSNull() } }
        let data = try! JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Counts of a staged table against the stored one: new rows, changed rows, and changed
    /// rows that go from active to inactive.
    private static func counts(_ rows: [PostgresRow]) -> RosterImportSummary.Counts {
        guard let (added, changed, deactivated) = try? rows.first?.decode((Int, Int, Int).self) else { return .init() }
        return .init(added: added, updated: changed - deactivated, deactivated: deactivated)
    }

    private static func applySchools(_ bundle: RosterBundle, _ hub: HubConnection) async throws(HubError) -> RosterImportSummary.Counts {
        let rows = json(bundle.schools.map { ["sourced_id": $0.sourcedId, "name": $0.name, "parent": $0.parentSourcedId] })
        try await hub.query("""
            CREATE TEMP TABLE incoming_school ON COMMIT DROP AS
            SELECT * FROM jsonb_to_recordset(\(rows)::jsonb) AS x(sourced_id text, name text, parent text)
            """)
        let result = counts(try await hub.query("""
            SELECT count(*) FILTER (WHERE s.sourced_id IS NULL),
                   count(*) FILTER (WHERE s.sourced_id IS NOT NULL AND (s.name, s.parent_sourced_id) IS DISTINCT FROM (i.name, i.parent)),
                   0::bigint
            FROM incoming_school i LEFT JOIN waypoint.school s ON s.sourced_id = i.sourced_id
            """))
        try await hub.query("""
            INSERT INTO waypoint.school (sourced_id, name, parent_sourced_id) SELECT sourced_id, name, parent FROM incoming_school
            ON CONFLICT (sourced_id) DO UPDATE SET name = EXCLUDED.name, parent_sourced_id = EXCLUDED.parent_sourced_id
            WHERE (school.name, school.parent_sourced_id) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.parent_sourced_id)
            """)
        return result
    }

    private static func applyStudents(_ bundle: RosterBundle, _ hub: HubConnection) async throws(HubError) -> RosterImportSummary.Counts {
        let rows = json(bundle.students.map { student in
            ["sourced_id": student.sourcedId, "local_id": student.localId, "given_name": student.givenName,
             "middle_name": student.middleName, "family_name": student.familyName, "preferred_name": student.preferredName,
             "grade": student.grade?.rawValue, "school": student.schoolSourcedId,
             "has_demographics": student.demographics != nil, "birth_date": student.demographics?.birthDate,
             "gender": student.demographics?.gender, "race_ethnicity": student.demographics?.raceEthnicity,
             "is_active": student.isActive]
        })
        // The incoming values merged over what is stored: the roster's grade and demographics
        // only where it gives them (a new student without a grade starts in K, as locally).
        try await hub.query("""
            CREATE TEMP TABLE incoming_student ON COMMIT DROP AS
            SELECT m.*, s.sourced_id IS NULL AS is_new, coalesce(s.is_active, false) AS was_active,
                   s.sourced_id IS NOT NULL AND (s.local_id, s.given_name, s.middle_name, s.family_name, s.preferred_name,
                       s.grade, s.school_sourced_id, s.birth_date, s.gender, s.race_ethnicity, s.is_active)
                   IS DISTINCT FROM (m.local_id, m.given_name, m.middle_name, m.family_name, m.preferred_name, m.grade,
                       m.school, m.birth_date, m.gender, m.race_ethnicity, m.is_active) AS changed
            FROM (SELECT i.sourced_id, i.local_id, i.given_name, i.middle_name, i.family_name, i.preferred_name,
                         coalesce(i.grade, s.grade, 0) AS grade, i.school,
                         CASE WHEN i.has_demographics THEN i.birth_date ELSE s.birth_date END AS birth_date,
                         CASE WHEN i.has_demographics THEN i.gender ELSE s.gender END AS gender,
                         CASE WHEN i.has_demographics THEN i.race_ethnicity ELSE s.race_ethnicity END AS race_ethnicity,
                         i.is_active
                  FROM jsonb_to_recordset(\(rows)::jsonb) AS i(sourced_id text, local_id text, given_name text,
                       middle_name text, family_name text, preferred_name text, grade integer, school text,
                       has_demographics boolean, birth_date text, gender text, race_ethnicity text, is_active boolean)
                  LEFT JOIN waypoint.student s ON s.sourced_id = i.sourced_id) m
            LEFT JOIN waypoint.student s ON s.sourced_id = m.sourced_id
            """)
        let unknown = try await hub.query("""
            SELECT i.sourced_id, i.school FROM incoming_student i
            WHERE NOT EXISTS (SELECT 1 FROM waypoint.school s WHERE s.sourced_id = i.school) LIMIT 1
            """)
        if let (student, school) = try? unknown.first?.decode((String, String).self) {
            throw .refused("Student \(student) belongs to school \(school), which is neither in this roster nor at the hub. "
                + "Nothing was imported.")
        }
        var result = counts(try await hub.query("""
            SELECT count(*) FILTER (WHERE is_new), count(*) FILTER (WHERE changed),
                   count(*) FILTER (WHERE changed AND was_active AND NOT is_active)
            FROM incoming_student
            """))
        do {
            try await hub.query("""
                UPDATE waypoint.student s SET local_id = i.local_id, given_name = i.given_name, middle_name = i.middle_name,
                    family_name = i.family_name, preferred_name = i.preferred_name, grade = i.grade,
                    school_sourced_id = i.school, birth_date = i.birth_date, gender = i.gender,
                    race_ethnicity = i.race_ethnicity, is_active = i.is_active
                FROM incoming_student i WHERE s.sourced_id = i.sourced_id AND i.changed
                """)
            try await hub.query("""
                INSERT INTO waypoint.student (sourced_id, local_id, given_name, middle_name, family_name, preferred_name,
                    grade, school_sourced_id, birth_date, gender, race_ethnicity, is_active)
                SELECT sourced_id, local_id, given_name, middle_name, family_name, preferred_name, grade, school,
                       birth_date, gender, race_ethnicity, is_active
                FROM incoming_student WHERE is_new
                """)
        } catch {
            if case .server(let message, _) = error, message.contains("student_local_id_key") {
                let localId = message.range(of: #"\(local_id\)=\([^)]*\)"#, options: .regularExpression)
                    .map { String(message[$0].dropFirst("(local_id)=(".count).dropLast()) } ?? "?"
                throw .refused("Two students would share the local ID \(localId) (one already at the hub): "
                    + "correct the roster. Nothing was imported.")
            }
            throw error
        }
        if bundle.usersMode == .bulk {
            let stale = try await hub.query("""
                UPDATE waypoint.student SET is_active = false
                WHERE is_active AND NOT EXISTS (SELECT 1 FROM incoming_student i WHERE i.sourced_id = student.sourced_id)
                RETURNING 1
                """)
            result.deactivated += stale.count
        }
        return result
    }

    private static func applyCounselors(_ bundle: RosterBundle, _ hub: HubConnection) async throws(HubError) -> RosterImportSummary.Counts {
        let rows = json(bundle.counselors.map {
            ["sourced_id": $0.sourcedId, "given_name": $0.givenName, "family_name": $0.familyName, "email": $0.email,
             "username": $0.username, "is_active": $0.isActive]
        })
        try await hub.query("""
            CREATE TEMP TABLE incoming_counselor ON COMMIT DROP AS
            SELECT i.*, c.sourced_id IS NULL AS is_new, coalesce(c.is_active, false) AS was_active,
                   c.sourced_id IS NOT NULL AND (c.given_name, c.family_name, c.email, c.username, c.is_active)
                       IS DISTINCT FROM (i.given_name, i.family_name, i.email, i.username, i.is_active) AS changed
            FROM jsonb_to_recordset(\(rows)::jsonb) AS i(sourced_id text, given_name text, family_name text, email text,
                 username text, is_active boolean)
            LEFT JOIN waypoint.counselor c ON c.sourced_id = i.sourced_id
            """)
        var result = counts(try await hub.query("""
            SELECT count(*) FILTER (WHERE is_new), count(*) FILTER (WHERE changed),
                   count(*) FILTER (WHERE changed AND was_active AND NOT is_active)
            FROM incoming_counselor
            """))
        try await hub.query("""
            UPDATE waypoint.counselor c SET given_name = i.given_name, family_name = i.family_name, email = i.email,
                username = i.username, is_active = i.is_active
            FROM incoming_counselor i WHERE c.sourced_id = i.sourced_id AND i.changed
            """)
        try await hub.query("""
            INSERT INTO waypoint.counselor (sourced_id, given_name, family_name, email, username, is_active)
            SELECT sourced_id, given_name, family_name, email, username, is_active FROM incoming_counselor WHERE is_new
            """)
        if bundle.usersMode == .bulk {
            let stale = try await hub.query("""
                UPDATE waypoint.counselor SET is_active = false
                WHERE is_active AND NOT EXISTS (SELECT 1 FROM incoming_counselor i WHERE i.sourced_id = counselor.sourced_id)
                RETURNING 1
                """)
            result.deactivated += stale.count
        }
        return result
    }

    private static func applyCaseloads(_ bundle: RosterBundle, _ hub: HubConnection) async throws(HubError) -> (Int, Int) {
        let rows = json(bundle.caseloads.map { ["counselor": $0.counselorSourcedId, "student": $0.studentSourcedId] })
        try await hub.query("""
            CREATE TEMP TABLE incoming_caseload ON COMMIT DROP AS
            SELECT * FROM jsonb_to_recordset(\(rows)::jsonb) AS x(counselor text, student text)
            """)
        let added = try await hub.query("""
            INSERT INTO waypoint.caseload (counselor_sourced_id, student_sourced_id)
            SELECT i.counselor, i.student FROM incoming_caseload i
            WHERE EXISTS (SELECT 1 FROM waypoint.counselor c WHERE c.sourced_id = i.counselor)
              AND EXISTS (SELECT 1 FROM waypoint.student s WHERE s.sourced_id = i.student)
            ON CONFLICT DO NOTHING RETURNING 1
            """).count
        // A bulk roster is the whole picture for the counselors it lists: an assignment it
        // no longer has ends (the student moved); the student and their records stay.
        guard bundle.usersMode == .bulk, !bundle.caseloads.isEmpty else { return (added, 0) }
        let removed = try await hub.query("""
            DELETE FROM waypoint.caseload c
            WHERE EXISTS (SELECT 1 FROM incoming_counselor i WHERE i.sourced_id = c.counselor_sourced_id)
              AND NOT EXISTS (SELECT 1 FROM incoming_caseload i
                              WHERE i.counselor = c.counselor_sourced_id AND i.student = c.student_sourced_id)
            RETURNING 1
            """).count
        return (added, removed)
    }
}

/// The hub's audit trail, written by the hub commands as the connected role.
enum HubAudit {
    static func record(_ action: AuditAction, subject: String, detail: some CustomStringConvertible,
                       on hub: HubConnection) async throws(HubError) {
        try await hub.query("""
            INSERT INTO waypoint.audit_event (at, counselor_sourced_id, actor, action, subject, detail)
            VALUES (now(), waypoint.me(), current_user, \(action.rawValue), \(subject),
                    \(detail.description.replacingOccurrences(of: "\n", with: "; ")))
            """)
    }
}
