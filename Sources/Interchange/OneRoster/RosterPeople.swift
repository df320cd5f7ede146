import WaypointCore

/// Turns validated users into the students and counselors Waypoint keeps.
enum RosterPeople {
    static func students(_ users: [RosterUser], orgs: [RosterOrg], demographics: [String: RosterDemographics],
                         issues: RosterIssues) -> [RosterStudent] {
        var localIds: Set<String> = []
        var students: [RosterStudent] = []
        for user in users where user.roles.contains("student") {
            let record = user.record
            guard let school = user.orgs.first(where: { !$0.isEmpty }) else {
                issues.error(record.issue(record.has("orgSourcedIds") ? "orgSourcedIds" : "primaryOrgSourcedId",
                                          "the org a student belongs to (orgSourcedIds, or a student role in roles.csv)"))
                continue
            }
            let identifier = record["identifier"]
            let localId = identifier.isEmpty ? user.sourcedId : identifier
            if !localIds.insert(localId).inserted {
                issues.error(record.issue(identifier.isEmpty ? "sourcedId" : "identifier",
                                          "an identifier no other student in users.csv has", value: localId))
            }
            let preferred = [record["preferredGivenName"], record["preferredFirstName"]].first { !$0.isEmpty }
            if user.grade == nil {
                issues.warning(record.issue("grades", "a grade; a new student without one is stored as grade K "
                                            + "until the roster gives one"))
            }
            students.append(RosterStudent(
                sourcedId: user.sourcedId, localId: localId, givenName: record["givenName"],
                middleName: record["middleName"].isEmpty ? nil : record["middleName"], familyName: record["familyName"],
                preferredName: preferred, grade: user.grade, schoolSourcedId: school,
                demographics: demographics[user.sourcedId], isActive: user.isActive))
        }
        return students
    }

    static func counselors(_ users: [RosterUser]) -> [RosterCounselor] {
        users.filter { $0.roles.contains("counselor") }.map { user in
            let record = user.record
            return RosterCounselor(sourcedId: user.sourcedId, username: record["username"].isEmpty ? nil : record["username"],
                                   givenName: record["givenName"], familyName: record["familyName"],
                                   email: record["email"].isEmpty ? nil : record["email"], isActive: user.isActive)
        }
    }

    /// A counselor's caseload by role: the students of every org where they are a counselor.
    static func caseloadsByRole(_ users: [RosterUser], students: [RosterStudent]) -> [RosterCaseload] {
        var pairs: [RosterCaseload] = []
        for counselor in users where counselor.roles.contains("counselor") {
            let orgs = Set(counselor.orgs)
            for student in students where orgs.contains(student.schoolSourcedId) {
                pairs.append(RosterCaseload(counselorSourcedId: counselor.sourcedId, studentSourcedId: student.sourcedId))
            }
        }
        return pairs
    }
}
