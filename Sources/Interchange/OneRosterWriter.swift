import Foundation
import WaypointCore

/// Writes a district as a valid OneRoster 1.2 CSV bundle (manifest, orgs, users, roles,
/// demographics, caseloads) and, beside it, its ABC data files, so both importers can be
/// exercised at any size with realistic names: `waypoint demo --oneroster DIR --students 50000`.
public enum OneRosterWriter {
    public struct Summary: Equatable, Sendable {
        public var students: Int
        public var counselors: Int
        public var schools: Int
        /// The paths of the files `waypoint import oneroster` reads (not the ABC files or
        /// the transcript beside them).
        public var rosterFiles: [String] = []
    }

    /// With `abc`, also writes abc-attendance.csv, abc-behavior.csv and abc-marks.csv in the
    /// layouts `waypoint import abc` reads (students by sourcedId); with `transcript`, a
    /// transcript.csv for `waypoint import transcript` (`studentId` holds the student's index).
    public static func write(_ district: DemoDistrict, to directory: String, abc: ABCBatch? = nil, transcript: [ImportedMark] = [],
                             modified: String = "2026-08-01T00:00:00Z") throws -> Summary {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let schoolIds = district.schools.indices.map { "org-school-\($0 + 1)" }
        let studentIds = district.students.map { "stu-\($0.localId)" }
        let counselorIds = district.counselors.indices.map { "cou-\($0 + 1)" }
        var counselorSchool: [Int: Int] = [:]
        for assignment in district.assignments {
            counselorSchool[assignment.counselorIndex] = Int(district.students[assignment.studentIndex].schoolId)
        }
        var written: [String] = []
        func file(_ name: String, _ header: [String], _ rows: [[String]]) throws {
            let text = CSVText.document(header: header, rows: rows, forSpreadsheets: false)
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw ExportError(path: path)
            }
            written.append(path)
        }

        try file("manifest.csv", ["propertyName", "value"], [
            ["manifest.version", "1.0"], ["oneroster.version", "1.2"],
            ["file.academicSessions", "absent"], ["file.categories", "absent"], ["file.classes", "absent"],
            ["file.classResources", "absent"], ["file.courses", "absent"], ["file.courseResources", "absent"],
            ["file.demographics", "bulk"], ["file.enrollments", "absent"], ["file.lineItemLearningObjectiveIds", "absent"],
            ["file.lineItems", "absent"], ["file.lineItemScoreScales", "absent"], ["file.orgs", "bulk"],
            ["file.resources", "absent"], ["file.resultLearningObjectiveIds", "absent"], ["file.results", "absent"],
            ["file.resultScoreScales", "absent"], ["file.roles", "bulk"], ["file.scoreScales", "absent"],
            ["file.userProfiles", "absent"], ["file.userResources", "absent"], ["file.users", "bulk"],
            ["source.systemName", "Waypoint demo generator"], ["source.systemCode", "waypoint"],
        ])
        try file("orgs.csv", ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"],
                 [["org-district", "active", modified, "Waypoint Demo Unified School District", "district", "WDUSD", ""]]
                 + district.schools.enumerated().map { index, school in
                     [schoolIds[index], "active", modified, school.name, "school", "SCH\(index + 1)", "org-district"]
                 })
        let userHeader = ["sourcedId", "status", "dateLastModified", "enabledUser", "username", "userIds", "givenName",
                          "familyName", "middleName", "identifier", "email", "preferredFirstName", "grades", "primaryOrgSourcedId"]
        var users: [[String]] = district.students.enumerated().map { index, student in
            let grade = student.grade.rawValue < 10 && student.grade.rawValue >= 0 ? "0\(student.grade.rawValue)" : student.grade.description
            return [studentIds[index], "active", modified, "true", student.localId.lowercased(), "", student.givenName,
                    student.familyName, student.middleName ?? "", student.localId, "", student.preferredName ?? "", grade,
                    schoolIds[Int(student.schoolId)]]
        }
        users += district.counselors.enumerated().map { index, counselor in
            let username = counselor.email.map { String($0.prefix { $0 != "@" }) } ?? "counselor\(index + 1)"
            return [counselorIds[index], "active", modified, "true", username, "", counselor.givenName, counselor.familyName,
                    "", "", counselor.email ?? "", "", "", schoolIds[counselorSchool[index] ?? 0]]
        }
        try file("users.csv", userHeader, users)
        var roles: [[String]] = district.students.enumerated().map { index, student in
            ["role-\(studentIds[index])", "active", modified, studentIds[index], "primary", "student", schoolIds[Int(student.schoolId)]]
        }
        roles += district.counselors.indices.map { index in
            ["role-\(counselorIds[index])", "active", modified, counselorIds[index], "primary", "counselor",
             schoolIds[counselorSchool[index] ?? 0]]
        }
        try file("roles.csv", ["sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "orgSourcedId"], roles)
        let flags = ["americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican", "nativeHawaiianOrOtherPacificIslander",
                     "white", "demographicRaceTwoOrMoreRaces", "hispanicOrLatinoEthnicity"]
        try file("demographics.csv", ["sourcedId", "status", "dateLastModified", "birthDate", "sex"] + flags,
                 district.students.enumerated().map { index, student in
                     let races = Set((student.raceEthnicity ?? "").split(separator: ",").map(String.init))
                     let sex = ["F": "female", "M": "male"][student.gender ?? ""] ?? "unspecified"
                     return [studentIds[index], "active", modified, student.birthDate ?? "", sex]
                         + flags.map { races.contains($0) ? "true" : "false" }
                 })
        try file("caseloads.csv", ["counselor", "student"], district.assignments.map {
            [counselorIds[$0.counselorIndex], studentIds[$0.studentIndex]]
        })
        let rosterFiles = written
        if let abc {
            func student(_ index: Int64) -> String { studentIds[Int(index)] }
            try file("abc-attendance.csv", ["studentSourcedId", "term", "startDate", "endDate", "daysEnrolled", "daysPresent"],
                     abc.attendance.map { [student($0.studentId), $0.term, $0.startDate, $0.endDate, String($0.daysEnrolled), String($0.daysPresent)] })
            try file("abc-behavior.csv", ["studentSourcedId", "incidentId", "date", "kind", "severity", "suspensionDays"],
                     abc.incidents.map { [student($0.studentId), $0.incidentId ?? "", $0.date, $0.kind.rawValue, $0.severity.rawValue,
                                          PlanDocument.number($0.suspensionDays)] })
            try file("abc-marks.csv", ["studentSourcedId", "term", "course", "subject", "mark", "creditsAttempted", "creditsEarned", "core"],
                     abc.marks.map { [student($0.studentId), $0.term, $0.course, $0.subject ?? "", $0.mark.description,
                                      PlanDocument.number($0.creditsAttempted), PlanDocument.number($0.creditsEarned), $0.isCore ? "yes" : "no"] })
        }
        if !transcript.isEmpty {
            try file("transcript.csv", ["studentSourcedId", "term", "course", "subject", "mark", "credits"], transcript.map {
                [studentIds[Int($0.studentId)], $0.term, $0.course, $0.subject ?? "", $0.mark.description,
                 PlanDocument.number($0.credits ?? CourseMarks.defaultCredits(ofTerm: $0.term))]
            })
        }
        return Summary(students: district.students.count, counselors: district.counselors.count, schools: district.schools.count,
                       rosterFiles: rosterFiles)
    }
}
