import WaypointCore

/// academicSessions, courses, classes and enrollments: all validated so a broken export is
/// caught whole, not half-imported; of them Waypoint keeps the courses (the course catalog).
enum RosterClassFiles {
    static func checkSessions(_ table: RosterTable, mode: RosterBundle.Mode, issues: RosterIssues) -> Set<String> {
        var seen: Set<String> = []
        for record in table.records {
            _ = RosterValues.checkCommon(record, mode: mode, seen: &seen, issues: issues)
            RosterValues.checkEnum(record, "type", ["gradingPeriod", "semester", "schoolYear", "term"], required: true,
                                   issues: issues)
            RosterValues.checkRequired(record, ["title", "startDate", "endDate", "schoolYear"], issues: issues)
            RosterValues.checkDate(record, "startDate", issues: issues)
            RosterValues.checkDate(record, "endDate", issues: issues)
            let year = record["schoolYear"]
            if !year.isEmpty, year.count != 4 || Int(year) == nil {
                issues.error(record.issue("schoolYear", "a four-digit year (2023)"))
            }
        }
        return seen
    }

    static func checkSessionParents(_ table: RosterTable, references: inout RosterReferences, issues: RosterIssues) {
        for record in table.records {
            references.check(record, "parentSourcedId", value: record["parentSourcedId"], in: "academicSessions",
                             softly: true, issues: issues)
        }
    }

    /// Checks courses.csv and returns its courses (inactive ones too: a bulk file's
    /// `tobedeleted` row and a delta's both take a course out of the catalog).
    static func checkCourses(_ table: RosterTable, mode: RosterBundle.Mode, references: inout RosterReferences,
                             issues: RosterIssues) -> [RosterCourse] {
        var seen: Set<String> = []
        var courses: [RosterCourse] = []
        for record in table.records {
            let active = RosterValues.checkCommon(record, mode: mode, seen: &seen, issues: issues)
            RosterValues.checkRequired(record, ["title", "orgSourcedId"], issues: issues)
            references.check(record, "orgSourcedId", value: record["orgSourcedId"], in: "orgs", issues: issues)
            references.check(record, "schoolYearSourcedId", value: record["schoolYearSourcedId"], in: "academicSessions",
                             issues: issues)
            let code = record["courseCode"]
            courses.append(RosterCourse(sourcedId: record["sourcedId"], code: code.isEmpty ? nil : code, title: record["title"],
                                        grades: RosterValues.list(record["grades"]), subjects: RosterValues.list(record["subjects"]),
                                        subjectCodes: RosterValues.list(record["subjectCodes"]),
                                        orgSourcedId: record["orgSourcedId"], isActive: active))
        }
        return courses
    }

    static func checkClasses(_ table: RosterTable, mode: RosterBundle.Mode, references: inout RosterReferences,
                             issues: RosterIssues) -> Set<String> {
        var seen: Set<String> = []
        for record in table.records {
            _ = RosterValues.checkCommon(record, mode: mode, seen: &seen, issues: issues)
            RosterValues.checkRequired(record, ["title", "schoolSourcedId"], issues: issues)
            RosterValues.checkEnum(record, "classType", ["homeroom", "scheduled"], required: true, issues: issues)
            // A class with no course or term is recoverable: Waypoint does not keep classes.
            for column in ["courseSourcedId", "termSourcedIds"] where record[column].isEmpty {
                issues.deviation(record.issue(column, "a value (the column is required)"))
            }
            references.check(record, "courseSourcedId", value: record["courseSourcedId"], in: "courses", issues: issues)
            references.check(record, "schoolSourcedId", value: record["schoolSourcedId"], in: "orgs", issues: issues)
            for term in RosterValues.list(record["termSourcedIds"]) {
                references.check(record, "termSourcedIds", value: term, in: "academicSessions", issues: issues)
            }
        }
        return seen
    }

    static func checkEnrollments(_ table: RosterTable, mode: RosterBundle.Mode, references: inout RosterReferences,
                                 issues: RosterIssues) {
        var seen: Set<String> = []
        for record in table.records {
            _ = RosterValues.checkCommon(record, mode: mode, seen: &seen, issues: issues)
            RosterValues.checkRequired(record, ["classSourcedId", "schoolSourcedId", "userSourcedId"], issues: issues)
            RosterValues.checkEnum(record, "role", ["administrator", "proctor", "student", "teacher", "aide", "guardian"],
                                   required: true, issues: issues)
            _ = RosterValues.checkBool(record, "primary", issues: issues)
            RosterValues.checkDate(record, "beginDate", issues: issues)
            RosterValues.checkDate(record, "endDate", issues: issues)
            references.check(record, "classSourcedId", value: record["classSourcedId"], in: "classes", issues: issues)
            references.check(record, "schoolSourcedId", value: record["schoolSourcedId"], in: "orgs", issues: issues)
            references.check(record, "userSourcedId", value: record["userSourcedId"], in: "users", issues: issues)
        }
    }

    /// Caseloads from class enrollments: each counselor enrolled in a class (in any role but
    /// student) is given every student enrolled in it.
    static func caseloads(from table: RosterTable, counselors: Set<String>, students: Set<String>) -> [RosterCaseload] {
        var counselorsOfClass: [String: Set<String>] = [:]
        var studentsOfClass: [String: [String]] = [:]
        for record in table.records where record["status"] != "tobedeleted" {
            let user = record["userSourcedId"], section = record["classSourcedId"]
            if record["role"] == "student", students.contains(user) {
                studentsOfClass[section, default: []].append(user)
            } else if counselors.contains(user) {
                counselorsOfClass[section, default: []].insert(user)
            }
        }
        var pairs: [RosterCaseload] = []
        var seen: Set<RosterCaseload> = []
        for (section, counselorIds) in counselorsOfClass.sorted(by: { $0.key < $1.key }) {
            for counselor in counselorIds.sorted() {
                for student in studentsOfClass[section] ?? [] {
                    let pair = RosterCaseload(counselorSourcedId: counselor, studentSourcedId: student)
                    if seen.insert(pair).inserted { pairs.append(pair) }
                }
            }
        }
        return pairs
    }
}
