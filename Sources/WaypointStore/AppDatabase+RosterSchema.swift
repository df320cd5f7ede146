import GRDB

extension AppDatabase {
    /// v4: what a roster import needs beyond v1. Counselors gain the roster username (a
    /// caseloads.csv may name them by it) and an active flag (a counselor who leaves keeps
    /// the sessions they wrote); schools remember the district (parent org) they sit under.
    static func createRoster(_ db: Database) throws {
        try db.alter(table: "counselor") { t in
            t.add(column: "username", .text)
            t.add(column: "isActive", .boolean).notNull().defaults(to: true)
        }
        try db.alter(table: "school") { t in
            t.add(column: "parentSourcedId", .text)
        }
    }
}
