import GRDB

extension AppDatabase {
    /// Family contacts (v17): parents, guardians and relatives from the roster or added by
    /// hand, which students they belong to, and which of them a session names.
    ///
    /// A contact is never deleted (a session may name it): a bulk roster that drops it makes
    /// it inactive. `handEdited` (a JSON array of `ContactField` names) lists what a
    /// counselor changed, which imports leave alone; `rosterValues` (a JSON object) keeps
    /// the roster's differing value of such a field, so both can be seen.
    static func createContacts(_ db: Database) throws {
        try db.create(table: "family_contact") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("sourcedId", .text).unique()
            t.column("givenName", .text).notNull().check(sql: "trim(givenName) <> ''")
            t.column("familyName", .text).notNull()
            t.column("relationship", .text).notNull()
                .check(sql: "relationship IN ('parent', 'guardian', 'relative', 'other')")
            t.column("phone", .text)
            t.column("email", .text)
            t.column("language", .text)
            t.column("isActive", .boolean).notNull().defaults(to: true)
            t.column("handEdited", .text).notNull().defaults(to: "[]").check(sql: "json_valid(handEdited)")
            t.column("rosterValues", .text).notNull().defaults(to: "{}").check(sql: "json_valid(rosterValues)")
        }
        try db.create(table: "student_contact") { t in
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("contactId", .integer).notNull().references("family_contact", onDelete: .restrict)
            // A link the roster made goes when a bulk roster no longer has it; a counselor's stays.
            t.column("fromRoster", .boolean).notNull()
            t.primaryKey(["studentId", "contactId"])
        }
        try db.create(index: "student_contact_on_contactId", on: "student_contact", columns: ["contactId"])
        try db.create(table: "session_contact") { t in
            t.column("sessionId", .integer).notNull().references("advising_session", onDelete: .restrict)
            t.column("contactId", .integer).notNull().references("family_contact", onDelete: .restrict)
            t.primaryKey(["sessionId", "contactId"])
        }
    }
}
