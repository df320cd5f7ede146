import WaypointCore

/// users.csv (with roles.csv in 1.2): who is a student, who a counselor, and where.
struct RosterUser {
    var record: RosterTable.Record
    var sourcedId: String
    var isActive: Bool
    var roles: [String]
    /// Orgs in the order the roster gives them (primary first).
    var orgs: [String]
    var grade: Grade?

    static func read(_ table: RosterTable, mode: RosterBundle.Mode, version: RosterVersion,
                     issues: RosterIssues) -> [RosterUser] {
        var seen: Set<String> = []
        var users: [RosterUser] = []
        for record in table.records {
            let active = RosterValues.checkCommon(record, mode: mode, seen: &seen, issues: issues)
            RosterValues.checkRequired(record, ["username", "givenName", "familyName"], issues: issues)
            if record.has("enabledUser") {
                if RosterValues.checkBool(record, "enabledUser", issues: issues) == nil, record["enabledUser"].isEmpty {
                    issues.error(record.issue("enabledUser", "true or false"))
                }
            }
            let role = RosterValues.checkEnum(record, "role", RosterValues.roles, required: version == .v1_1,
                                              issues: issues)
            var grade: Grade?
            if let first = RosterValues.list(record["grades"]).first {
                grade = Grade(first)
                if grade == nil { issues.error(record.issue("grades", "CEDS grade codes such as PK, KG, 01 to 12, 13")) }
            }
            let primary = record["primaryOrgSourcedId"]
            users.append(RosterUser(record: record, sourcedId: record["sourcedId"], isActive: active,
                                    roles: role.map { [$0] } ?? [],
                                    orgs: (primary.isEmpty ? [] : [primary]) + RosterValues.list(record["orgSourcedIds"]),
                                    grade: grade))
        }
        return users
    }

    /// roles.csv (1.2): adds each active role to its user, primary roles first.
    static func applyRoles(_ table: RosterTable, mode: RosterBundle.Mode, to users: inout [RosterUser],
                           references: inout RosterReferences, issues: RosterIssues) {
        var seen: Set<String> = []
        var position: [String: Int] = [:]
        for (index, user) in users.enumerated() { position[user.sourcedId] = index }
        let ordered = table.records.sorted { ($0["roleType"] == "primary" ? 0 : 1) < ($1["roleType"] == "primary" ? 0 : 1) }
        for record in table.records {
            _ = RosterValues.checkCommon(record, mode: mode, seen: &seen, issues: issues)
            RosterValues.checkEnum(record, "roleType", ["primary", "secondary"], required: true, issues: issues)
            RosterValues.checkEnum(record, "role", RosterValues.roles, required: true, issues: issues)
            RosterValues.checkDate(record, "beginDate", issues: issues)
            RosterValues.checkDate(record, "endDate", issues: issues)
            references.check(record, "userSourcedId", value: record["userSourcedId"], in: "users", issues: issues)
            references.check(record, "orgSourcedId", value: record["orgSourcedId"], in: "orgs", issues: issues)
        }
        for record in ordered where !["tobedeleted", "inactive"].contains(record["status"].lowercased()) {
            guard let index = position[record["userSourcedId"]],
                  let role = RosterValues.roles.first(where: { $0.lowercased() == record["role"].lowercased() })
            else { continue }
            users[index].roles.append(role)
            if role == "student" || role == "counselor" { users[index].orgs.append(record["orgSourcedId"]) }
        }
    }
}

/// demographics.csv: birth date, sex and the race flags, by the user's sourcedId.
enum RosterDemographicsFile {
    static func read(_ table: RosterTable, mode: RosterBundle.Mode, references: inout RosterReferences,
                     issues: RosterIssues) -> [String: RosterDemographics] {
        var seen: Set<String> = []
        var result: [String: RosterDemographics] = [:]
        for record in table.records {
            _ = RosterValues.checkCommon(record, mode: mode, seen: &seen, issues: issues)
            references.check(record, "sourcedId", value: record["sourcedId"], in: "users", issues: issues)
            RosterValues.checkDate(record, "birthDate", issues: issues)
            let sex = RosterValues.checkEnum(record, "sex", RosterValues.sexes, required: false, issues: issues)
            var races: [String] = []
            for flag in RosterValues.raceFlags where RosterValues.checkBool(record, flag, issues: issues) == true {
                races.append(flag)
            }
            let birthDate = record["birthDate"]
            result[record["sourcedId"]] = RosterDemographics(
                birthDate: RosterValues.isDate(birthDate) ? birthDate : nil, gender: sex,
                raceEthnicity: races.isEmpty ? nil : races.joined(separator: ","))
        }
        return result
    }
}

/// caseloads.csv, Waypoint's own file: `counselor,student`, one pair a row; a counselor by
/// sourcedId or username, a student by sourcedId.
enum RosterCaseloadsFile {
    static func read(_ table: RosterTable, counselors: [RosterCounselor], students: Set<String>,
                     issues: RosterIssues) -> [RosterCaseload] {
        var byKey: [String: String] = [:]
        for counselor in counselors {
            byKey[counselor.sourcedId] = counselor.sourcedId
            if let username = counselor.username { byKey[username] = byKey[username] ?? counselor.sourcedId }
        }
        var pairs: [RosterCaseload] = []
        var seen: Set<RosterCaseload> = []
        for record in table.records {
            RosterValues.checkRequired(record, ["counselor", "student"], issues: issues)
            let counselor = byKey[record["counselor"]]
            if counselor == nil, !record["counselor"].isEmpty {
                issues.error(record.issue("counselor", "the sourcedId or username of a user with the counselor role"))
            }
            if !record["student"].isEmpty, !students.contains(record["student"]) {
                issues.error(record.issue("student", "the sourcedId of a student in users.csv"))
            }
            if let counselor, students.contains(record["student"]) {
                let pair = RosterCaseload(counselorSourcedId: counselor, studentSourcedId: record["student"])
                if seen.insert(pair).inserted { pairs.append(pair) }
            }
        }
        return pairs
    }
}
