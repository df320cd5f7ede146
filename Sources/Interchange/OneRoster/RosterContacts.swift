import WaypointCore

/// Parents, guardians and relatives (users.csv rows with one of those roles) and the
/// students they belong to. OneRoster links them through `agentSourcedIds`, which either
/// side may carry: a student's lists its family, a parent's lists their children. Both are
/// read, so an export that fills only one side links the same.
///
/// What is kept and what is only warned about (docs/IMPORTING.md, "Guardians and contacts"):
/// - an agent id no row of a bulk users.csv has is an error (a reference check);
/// - a link to a user who is neither a student nor family (a teacher in a student's
///   agents, as in real exports) is a warning, and the link is not kept;
/// - a family row linked to no student is a warning, and the contact is not kept;
/// - a phone, email or home language that is not one is an error naming its cell.
enum RosterContacts {
    /// The columns that may carry a home language: Waypoint's own `homeLanguage`, or the
    /// same under the `metadata.` prefix OneRoster gives vendor extensions.
    static let languageColumns = ["homeLanguage", "metadata.homeLanguage"]

    static func language(_ record: RosterTable.Record) -> String? {
        languageColumns.lazy.map { record[$0] }.first { !$0.isEmpty }
    }

    /// The home language demographics.csv gives each user, by sourcedId.
    static func languages(_ table: RosterTable?, issues: RosterIssues) -> [String: String] {
        var result: [String: String] = [:]
        for record in table?.records ?? [] {
            guard let value = language(record) else { continue }
            let column = languageColumns.first { !record[$0].isEmpty }!
            if let problem = ContactRules.problem(.language, value) {
                issues.error(record.issue(column, problem))
            } else {
                result[record["sourcedId"]] = value
            }
        }
        return result
    }

    static func read(_ users: [RosterUser], languages: [String: String], references: inout RosterReferences,
                     issues: RosterIssues) -> [RosterContact] {
        var roleOf: [String: String] = [:]
        for user in users { roleOf[user.sourcedId] = user.roles.first }
        func isStudent(_ user: RosterUser) -> Bool { user.roles.contains("student") }
        func relationship(_ user: RosterUser) -> ContactRelationship? {
            user.roles.lazy.compactMap(ContactRelationship.init(rosterRole:)).first
        }
        let family = users.filter { relationship($0) != nil && !isStudent($0) }
        let familyIds = Set(family.map(\.sourcedId))
        let studentIds = Set(users.filter(isStudent).map(\.sourcedId))

        // Links named on the students' side, by family sourcedId.
        var childrenOf: [String: [String]] = [:]
        for student in users where isStudent(student) {
            for agent in RosterValues.list(student.record["agentSourcedIds"]) {
                references.check(student.record, "agentSourcedIds", value: agent, in: "users", issues: issues)
                if familyIds.contains(agent) {
                    childrenOf[agent, default: []].append(student.sourcedId)
                } else if let role = roleOf[agent] {
                    issues.warning(student.record.issue(
                        "agentSourcedIds", "the sourcedId of a parent, guardian or relative; \(agent) is a \(role), "
                            + "so this link is not kept", value: agent))
                }
            }
        }

        var contacts: [RosterContact] = []
        for user in family {
            let record = user.record
            var children: [String] = []
            for agent in RosterValues.list(record["agentSourcedIds"]) {
                references.check(record, "agentSourcedIds", value: agent, in: "users", issues: issues)
                if studentIds.contains(agent) {
                    children.append(agent)
                } else if let role = roleOf[agent] {
                    issues.warning(record.issue(
                        "agentSourcedIds", "the sourcedId of a student; \(agent) is a \(role), so this link is not kept",
                        value: agent))
                } else if !references.contains("users", agent) {
                    // Not in this file (a delta): the store links it if it has the student.
                    children.append(agent)
                }
            }
            for child in childrenOf[user.sourcedId] ?? [] where !children.contains(child) { children.append(child) }
            var valid = true
            let phone = record["phone"].isEmpty ? record["sms"] : record["phone"]
            let language = language(record) ?? children.lazy.compactMap { languages[$0] }.first ?? languages[user.sourcedId]
            for (field, column, value) in [(ContactField.phone, record["phone"].isEmpty ? "sms" : "phone", phone),
                                           (.email, "email", record["email"])] {
                if let problem = ContactRules.problem(field, value) {
                    issues.error(record.issue(column, problem))
                    valid = false
                }
            }
            if let direct = self.language(record), let problem = ContactRules.problem(.language, direct) {
                issues.error(record.issue(languageColumns.first { !record[$0].isEmpty }!, problem))
                valid = false
            }
            guard valid else { continue }
            guard !children.isEmpty else {
                issues.warning(record.issue("agentSourcedIds", "the sourcedIds of the students this "
                                            + "\(relationship(user)!.rawValue) belongs to; without them the contact is not kept"))
                continue
            }
            contacts.append(RosterContact(
                sourcedId: user.sourcedId, givenName: record["givenName"], familyName: record["familyName"],
                relationship: relationship(user)!, phone: phone.isEmpty ? nil : phone,
                email: record["email"].isEmpty ? nil : record["email"], language: language,
                studentSourcedIds: children, isActive: user.isActive))
        }
        return contacts
    }
}
