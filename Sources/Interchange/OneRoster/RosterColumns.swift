import WaypointCore

/// The columns Waypoint reads from one OneRoster file: which it knows, which the standard
/// requires, and the misnamings seen in real exports that `--lenient` may map back.
struct RosterColumns {
    var known: [String]
    var required: [String]
    /// Misnamed header → the standard's name (`grade` → `grades`).
    var aliases: [String: String] = [:]

    /// `status` and `dateLastModified` are required in every 1.2 file; 1.1 lets a bulk
    /// file leave them out.
    static func common(version: RosterVersion) -> [String] {
        version == .v1_2 ? ["sourcedId", "status", "dateLastModified"] : ["sourcedId"]
    }

    static func orgs(_ version: RosterVersion) -> RosterColumns {
        RosterColumns(known: ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"],
                      required: common(version: version) + ["name", "type"])
    }

    static func users(_ version: RosterVersion) -> RosterColumns {
        var known = ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username",
                     "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone",
                     "agentSourcedIds", "grades", "userMasterIdentifier", "preferredGivenName", "preferredFirstName",
                     "preferredMiddleName", "preferredFamilyName", "preferredLastName", "primaryOrgSourcedId", "pronouns"]
            + RosterContacts.languageColumns
        if version == .v1_1 { known.removeAll { $0.hasPrefix("preferred") || $0 == "primaryOrgSourcedId" } }
        let required = version == .v1_2
            ? ["enabledUser", "username", "givenName", "familyName"]
            : ["enabledUser", "orgSourcedIds", "role", "username", "givenName", "familyName"]
        return RosterColumns(known: known, required: common(version: version) + required, aliases: ["grade": "grades"])
    }

    static let roles = RosterColumns(
        known: ["sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "beginDate", "endDate",
                "orgSourcedId", "userProfileSourcedId"],
        required: ["sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "orgSourcedId"])

    static func demographics(_ version: RosterVersion) -> RosterColumns {
        RosterColumns(known: ["sourcedId", "status", "dateLastModified", "birthDate", "sex"] + RosterValues.raceFlags
                        + ["countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth", "publicSchoolResidenceStatus"]
                        + RosterContacts.languageColumns,
                      required: common(version: version),
                      aliases: ["userSourcedId": "sourcedId"])
    }

    static func academicSessions(_ version: RosterVersion) -> RosterColumns {
        RosterColumns(known: ["sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate",
                              "parentSourcedId", "schoolYear"],
                      required: common(version: version) + ["title", "type", "startDate", "endDate", "schoolYear"])
    }

    static func classes(_ version: RosterVersion) -> RosterColumns {
        RosterColumns(known: ["sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode",
                              "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes",
                              "periods"],
                      required: common(version: version) + ["title", "courseSourcedId", "classType", "schoolSourcedId",
                                                             "termSourcedIds"],
                      aliases: ["grade": "grades"])
    }

    static func courses(_ version: RosterVersion) -> RosterColumns {
        RosterColumns(known: ["sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title", "courseCode",
                              "grades", "orgSourcedId", "subjects", "subjectCodes"],
                      required: common(version: version) + ["title", "orgSourcedId"],
                      aliases: ["grade": "grades"])
    }

    static func enrollments(_ version: RosterVersion) -> RosterColumns {
        RosterColumns(known: ["sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId",
                              "userSourcedId", "role", "primary", "beginDate", "endDate"],
                      required: common(version: version) + ["classSourcedId", "schoolSourcedId", "userSourcedId", "role"])
    }

    /// The kind of text a column holds, for its limits (`TextField`): names, titles and IDs
    /// are one line of a few hundred characters; anything else at least one line.
    static func textField(of column: String) -> TextField {
        switch column {
        case "givenName", "familyName", "middleName", "name", "homeLanguage", "metadata.homeLanguage": return .name
        case _ where column.hasPrefix("preferred"): return .name
        case "title", "course", "kind", "location", "classCode", "courseCode": return .title
        case "sourcedId", "identifier", "username", "email", "userMasterIdentifier", "studentSourcedId",
             "localId", "incidentId", "counselor", "student", "sms", "phone":
            return .identifier
        case _ where column.hasSuffix("SourcedId"): return .identifier
        default: return .cell
        }
    }

    /// Waypoint's own file (see docs/IMPORTING.md): one counselor–student pair a row.
    static let caseloads = RosterColumns(known: ["counselor", "student"], required: ["counselor", "student"])
}
