import WaypointCore

/// Who a roster has that Waypoint does not keep: staff other than counselors (teachers,
/// administrators, aides) and family rows linked to no student. An import's summary says
/// so, so nobody wonders where the teachers went.
public struct RosterSkipped: Equatable, Sendable {
    /// Users neither students, counselors nor family, by their first role.
    public var byRole: [String: Int] = [:]
    /// Parents, guardians and relatives linked to no student (each also warned about).
    public var unlinkedFamily = 0

    public init(byRole: [String: Int] = [:], unlinkedFamily: Int = 0) {
        self.byRole = byRole
        self.unlinkedFamily = unlinkedFamily
    }

    /// "Not imported: 42 teachers, 3 administrators, 2 family contacts linked to no student
    /// (Waypoint keeps students, counselors and families)."; nil when nothing was left out.
    public var sentence: String? {
        var parts = byRole.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { role, count in
            "\(count) \(Self.words(role))\(count == 1 ? "" : "s")"
        }
        if unlinkedFamily > 0 {
            parts.append("\(unlinkedFamily) family contact\(unlinkedFamily == 1 ? "" : "s") linked to no student")
        }
        guard !parts.isEmpty else { return nil }
        return "Not imported: \(parts.joined(separator: ", ")) (Waypoint keeps students, counselors and families)."
    }

    /// "districtAdministrator" reads "district administrator".
    private static func words(_ role: String) -> String {
        role.reduce(into: "") { text, character in
            text += character.isUppercase ? " " + character.lowercased() : String(character)
        }
    }

    static func count(_ users: [RosterUser], contacts: [RosterContact]) -> RosterSkipped {
        var skipped = RosterSkipped()
        let kept = Set(contacts.map(\.sourcedId))
        for user in users where !user.roles.contains("student") && !user.roles.contains("counselor") {
            if user.roles.contains(where: { ContactRelationship(rosterRole: $0) != nil }) {
                if !kept.contains(user.sourcedId) { skipped.unlinkedFamily += 1 }
            } else {
                skipped.byRole[user.roles.first ?? "user", default: 0] += 1
            }
        }
        return skipped
    }
}
