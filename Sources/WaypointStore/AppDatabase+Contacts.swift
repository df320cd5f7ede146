import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// A student's family contacts, in the order they were linked (the roster's order, then
    /// those added by hand); inactive ones (a bulk roster dropped them) only when asked.
    public func contacts(studentId: Int64, includeInactive: Bool = false) throws -> [FamilyContact] {
        try read { db in try ContactRows.contacts(studentId: studentId, includeInactive: includeInactive, db: db) }
    }

    public func contact(id: Int64) throws -> FamilyContact {
        try read { db in try ContactRows.fetch(id: id, db: db) }
    }

    /// Adds a contact by hand to a student, after checking every field (`ContactRules`):
    /// a field that does not hold what it must is refused and nothing is written.
    @discardableResult
    public func addContact(_ contact: FamilyContact, studentId: Int64) throws -> FamilyContact {
        for field in ContactField.allCases {
            if let expected = ContactRules.problem(field, contact[field]) {
                throw StoreError.invalidContactField(field: field, value: contact[field], expected: expected)
            }
        }
        return try write { db in
            guard try Student.exists(db, key: studentId) else { throw StoreError.studentNotFound(id: studentId) }
            try db.execute(sql: """
                INSERT INTO family_contact (sourcedId, givenName, familyName, relationship, phone, email, language)
                VALUES (NULL, ?, ?, ?, ?, ?, ?)
                """, arguments: [contact.givenName, contact.familyName, contact.relationship.rawValue, contact.phone,
                                 contact.email, contact.language])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO student_contact (studentId, contactId, fromRoster) VALUES (?, ?, 0)",
                           arguments: [studentId, id])
            return try ContactRows.fetch(id: id, db: db)
        }
    }

    /// Changes fields of a contact by hand. Each changed field is marked hand-edited, so a
    /// later roster import leaves it as the counselor set it (and keeps the roster's differing
    /// value beside it); setting a field clears the roster value kept for it, as the counselor
    /// has now chosen. Every field is checked first; one bad value changes nothing.
    @discardableResult
    public func editContact(id: Int64, _ changes: [ContactField: String]) throws -> FamilyContact {
        for (field, value) in changes.sorted(by: { $0.key < $1.key }) {
            if let expected = ContactRules.problem(field, value) {
                throw StoreError.invalidContactField(field: field, value: value, expected: expected)
            }
        }
        return try write { db in
            var contact = try ContactRows.fetch(id: id, db: db)
            let before = contact
            for (field, value) in changes where contact[field] != value || contact.rosterValues[field] != nil {
                contact[field] = value
                if contact.sourcedId != nil { contact.handEdited.insert(field) }
                contact.rosterValues[field] = nil
            }
            guard contact != before else { return contact }
            try ContactRows.update(contact, db: db)
            return contact
        }
    }
}

/// Rows of the contact tables, read and written inside a transaction.
enum ContactRows {
    static func fetch(id: Int64, db: Database) throws -> FamilyContact {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM family_contact WHERE id = ?", arguments: [id]) else {
            throw StoreError.contactNotFound(id: id, studentId: nil)
        }
        return contact(row)
    }

    static func contacts(studentId: Int64, includeInactive: Bool, db: Database) throws -> [FamilyContact] {
        try Row.fetchAll(db, sql: """
            SELECT c.* FROM family_contact c JOIN student_contact l ON l.contactId = c.id
            WHERE l.studentId = ? AND (? OR c.isActive) ORDER BY l.rowid
            """, arguments: [studentId, includeInactive]).map(contact)
    }

    static func contact(_ row: Row) -> FamilyContact {
        let edited = (try? JSONDecoder().decode([String].self, from: Data((row["handEdited"] as String).utf8))) ?? []
        let roster = (try? JSONDecoder().decode([String: String].self, from: Data((row["rosterValues"] as String).utf8))) ?? [:]
        return FamilyContact(
            id: row["id"], sourcedId: row["sourcedId"], givenName: row["givenName"], familyName: row["familyName"],
            relationship: ContactRelationship(rawValue: row["relationship"]) ?? .other, phone: row["phone"],
            email: row["email"], language: row["language"], isActive: row["isActive"],
            handEdited: Set(edited.compactMap(ContactField.init(rawValue:))),
            rosterValues: Dictionary(uniqueKeysWithValues: roster.compactMap { key, value in
                ContactField(rawValue: key).map { ($0, value) }
            }))
    }

    static func update(_ contact: FamilyContact, db: Database) throws {
        try db.execute(sql: """
            UPDATE family_contact SET givenName = ?, familyName = ?, relationship = ?, phone = ?, email = ?, language = ?,
                isActive = ?, handEdited = ?, rosterValues = ? WHERE id = ?
            """, arguments: [contact.givenName, contact.familyName, contact.relationship.rawValue, contact.phone,
                             contact.email, contact.language, contact.isActive, json(contact.handEdited.sorted().map(\.rawValue)),
                             json(Dictionary(uniqueKeysWithValues: contact.rosterValues.map { ($0.key.rawValue, $0.value) })),
                             contact.id])
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    /// Names a session's contacts; each must be one of the student's.
    static func name(_ contactIds: [Int64], sessionId: Int64, studentId: Int64, db: Database) throws {
        for contactId in contactIds {
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM student_contact WHERE studentId = ? AND contactId = ?",
                                    arguments: [studentId, contactId]) ?? false else {
                throw StoreError.contactNotFound(id: contactId, studentId: studentId)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO session_contact (sessionId, contactId) VALUES (?, ?)",
                           arguments: [sessionId, contactId])
        }
    }

    /// Applies one roster contact: added, or updated field by field, except the fields a
    /// counselor edited by hand, which keep their value (the roster's is kept beside it when
    /// it differs). Links to the students the roster names are added; with `bulk`, links the
    /// roster made earlier and no longer has are removed (a counselor's links stay).
    /// Returns what happened, for the summary.
    static func apply(_ incoming: RosterContact, bulk: Bool, db: Database) throws -> (RosterImportSummary.Counts, keptEdits: Bool) {
        var counts = RosterImportSummary.Counts()
        let id: Int64
        var stored = try Row.fetchOne(db, sql: "SELECT * FROM family_contact WHERE sourcedId = ?",
                                      arguments: [incoming.sourcedId]).map(contact)
        if var current = stored {
            id = current.id!
            let before = current
            for field in ContactField.allCases {
                let value = incoming.value(field) ?? ""
                if current.handEdited.contains(field) {
                    current.rosterValues[field] = current[field] == value ? nil : value
                } else {
                    current[field] = value
                }
            }
            current.isActive = incoming.isActive
            if current != before {
                try update(current, db: db)
                if before.isActive && !current.isActive {
                    counts.deactivated += 1
                } else {
                    counts.updated += 1
                }
            }
            stored = current
        } else {
            try db.execute(sql: """
                INSERT INTO family_contact (sourcedId, givenName, familyName, relationship, phone, email, language, isActive)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [incoming.sourcedId, incoming.givenName, incoming.familyName, incoming.relationship.rawValue,
                                 incoming.phone, incoming.email, incoming.language, incoming.isActive])
            id = db.lastInsertedRowID
            counts.added += 1
        }
        var linked: [Int64] = []
        for studentSourcedId in incoming.studentSourcedIds {
            guard let studentId = try Int64.fetchOne(db, sql: "SELECT id FROM student WHERE sourcedId = ?",
                                                     arguments: [studentSourcedId]) else { continue }
            linked.append(studentId)
            try db.execute(sql: "INSERT OR IGNORE INTO student_contact (studentId, contactId, fromRoster) VALUES (?, ?, 1)",
                           arguments: [studentId, id])
        }
        if bulk {
            try db.execute(sql: """
                DELETE FROM student_contact WHERE contactId = ? AND fromRoster
                AND studentId NOT IN (SELECT value FROM json_each(?))
                """, arguments: [id, json(linked)])
        }
        return (counts, !(stored?.rosterValues.isEmpty ?? true))
    }

    /// A bulk roster is the whole picture: a roster contact it no longer lists is made
    /// inactive (kept, since sessions may name it). Returns how many.
    static func deactivateUnlisted(_ listed: [RosterContact], db: Database) throws -> Int {
        try db.execute(sql: """
            UPDATE family_contact SET isActive = 0
            WHERE sourcedId IS NOT NULL AND isActive AND sourcedId NOT IN (SELECT value FROM json_each(?))
            """, arguments: [json(listed.map(\.sourcedId))])
        return db.changesCount
    }
}
