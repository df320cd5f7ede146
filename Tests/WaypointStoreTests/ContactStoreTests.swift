import Foundation
import GRDB
import WaypointCore
import WaypointStore
import XCTest

/// Family contacts in the store: a roster import that is idempotent and keeps hand edits,
/// contacts added and edited by hand under the one rule per field, and sessions naming them.
final class ContactStoreTests: XCTestCase {
    private func bundle(contacts: [RosterContact], usersMode: RosterBundle.Mode = .bulk) -> RosterBundle {
        RosterBundle(version: "1.2", orgsMode: .bulk, usersMode: usersMode, demographicsMode: .absent,
                     schools: [RosterSchool(sourcedId: "org1", name: "Riverside High", parentSourcedId: nil)],
                     students: ["u1", "u2"].map {
                         RosterStudent(sourcedId: $0, localId: "R-\($0)", givenName: "Student", middleName: nil,
                                       familyName: $0, preferredName: nil, grade: Grade(rawValue: 9),
                                       schoolSourcedId: "org1", demographics: nil, isActive: true)
                     },
                     counselors: [], caseloads: [], contacts: contacts)
    }

    private let rosa = RosterContact(sourcedId: "g1", givenName: "Rosa", familyName: "López", relationship: .parent,
                                     phone: "555-0142", email: "rosa@example.org", language: "Spanish",
                                     studentSourcedIds: ["u1", "u2"])

    private func studentId(_ db: AppDatabase, _ sourcedId: String) throws -> Int64 {
        try XCTUnwrap(try db.student(sourcedId: sourcedId)?.id)
    }

    func testImportingTheSameRosterTwiceChangesNothing() throws {
        let db = try AppDatabase.inMemory()
        let first = try db.importRoster(bundle(contacts: [rosa]))
        XCTAssertEqual(first.contacts.added, 1)
        XCTAssertTrue(first.description.contains("family contacts: 1 added, 0 updated, 0 deactivated"), first.description)
        let again = try db.importRoster(bundle(contacts: [rosa]))
        XCTAssertEqual(again.contacts, RosterImportSummary.Counts())
        XCTAssertEqual(again.total, RosterImportSummary.Counts())
        for student in ["u1", "u2"] {
            XCTAssertEqual(try db.contacts(studentId: try studentId(db, student)).map(\.summary),
                           ["Rosa López (parent) · 555-0142 · rosa@example.org · Spanish"])
        }
    }

    func testAHandEditIsKeptByTheNextImportWithTheRostersValueBesideIt() throws {
        let db = try AppDatabase.inMemory()
        try db.importRoster(bundle(contacts: [rosa]))
        let id = try db.contacts(studentId: try studentId(db, "u1"))[0].id!
        try db.editContact(id: id, [.phone: "555-0177"])

        var changed = rosa
        changed.phone = "555-0100"
        changed.email = "rosa.lopez@example.org"
        let summary = try db.importRoster(bundle(contacts: [changed]))
        XCTAssertEqual(summary.contactEditsKept, 1)
        XCTAssertTrue(summary.description.contains("(1 kept a hand edit where the roster differs)"), summary.description)
        var contact = try db.contact(id: id)
        XCTAssertEqual(contact.phone, "555-0177", "the counselor's phone stays")
        XCTAssertEqual(contact.rosterValues, [.phone: "555-0100"], "the roster's is kept beside it")
        XCTAssertEqual(contact.email, "rosa.lopez@example.org", "a field not edited by hand follows the roster")
        XCTAssertEqual(contact.handEdited, [.phone])

        // The same roster again: nothing changes, and the kept edit is still reported.
        let again = try db.importRoster(bundle(contacts: [changed]))
        XCTAssertEqual(again.contacts, RosterImportSummary.Counts())
        XCTAssertEqual(again.contactEditsKept, 1)

        // The counselor takes the roster's value: the note of a difference goes.
        try db.editContact(id: id, [.phone: "555-0100"])
        contact = try db.contact(id: id)
        XCTAssertEqual(contact.rosterValues, [:])
        XCTAssertEqual(try db.importRoster(bundle(contacts: [changed])).contactEditsKept, 0)
    }

    func testABulkRosterWithoutAContactMakesItInactiveAndKeepsIt() throws {
        let db = try AppDatabase.inMemory()
        try db.importRoster(bundle(contacts: [rosa]))
        let u1 = try studentId(db, "u1")
        let handAdded = try db.addContact(FamilyContact(givenName: "Gloria", familyName: "López", relationship: .relative), studentId: u1)
        let summary = try db.importRoster(bundle(contacts: []))
        XCTAssertEqual(summary.contacts.deactivated, 1)
        XCTAssertEqual(try db.contacts(studentId: u1).map(\.id), [handAdded.id], "a contact added by hand is the counselor's")
        XCTAssertEqual(try db.contacts(studentId: u1, includeInactive: true).count, 2)
        // A delta roster that does not mention it leaves it alone.
        try db.importRoster(bundle(contacts: [rosa]))
        XCTAssertEqual(try db.importRoster(bundle(contacts: [], usersMode: .delta)).contacts, RosterImportSummary.Counts())
    }

    func testABulkRosterMovesLinksItMadeAndKeepsTheCounselors() throws {
        let db = try AppDatabase.inMemory()
        var onlyU1 = rosa
        onlyU1.studentSourcedIds = ["u1"]
        try db.importRoster(bundle(contacts: [onlyU1]))
        try db.importRoster(bundle(contacts: [rosa]))
        XCTAssertEqual(try db.contacts(studentId: try studentId(db, "u2")).count, 1)
        try db.importRoster(bundle(contacts: [onlyU1]))
        XCTAssertEqual(try db.contacts(studentId: try studentId(db, "u2")).count, 0)
        XCTAssertEqual(try db.contacts(studentId: try studentId(db, "u1")).count, 1)
    }

    func testBadValuesAreRefusedByFieldAndNothingIsWritten() throws {
        let db = try AppDatabase.inMemory()
        try db.importRoster(bundle(contacts: [rosa]))
        let u1 = try studentId(db, "u1")
        let id = try db.contacts(studentId: u1)[0].id!
        let cases: [(ContactField, String, String)] = [
            (.phone, "call me", "Phone: expected a phone number: digits, spaces, + ( ) - . and an extension such as x12. Nothing was changed."),
            (.phone, String(repeating: "5", count: 41), "Phone: expected a phone number of at most 40 characters (found 41). Nothing was changed."),
            (.email, "rosa", "Email: expected an email address such as name@example.org. Nothing was changed."),
            (.givenName, "  ", "Given name: expected a name (it cannot be empty). Nothing was changed."),
            (.givenName, "Rosa\u{1B}[2J", "Given name: expected text without control characters (found U+001B at character 5). Nothing was changed."),
            (.language, String(repeating: "x", count: 61), "Home language: expected a language name of at most 60 characters (found 61). Nothing was changed."),
            (.relationship, "aunt", "Relationship: expected one of parent, guardian, relative, other. Nothing was changed."),
        ]
        for (field, value, message) in cases {
            var changes: [ContactField: String] = [.email: "ok@example.org"]
            changes[field] = value
            XCTAssertThrowsError(try db.editContact(id: id, changes)) { error in
                XCTAssertEqual((error as? StoreError)?.description, message)
            }
            // A relationship is an enumeration in a FamilyContact: no bad value can be built.
            if field != .relationship {
                XCTAssertThrowsError(try db.addContact(FamilyContact(givenName: "Ana", familyName: "B", relationship: .parent)
                    .with(field, value), studentId: u1))
            }
        }
        XCTAssertEqual(try db.contacts(studentId: u1).map(\.summary), ["Rosa López (parent) · 555-0142 · rosa@example.org · Spanish"])
    }

    func testASessionNamesTheGuardianWhoTookPart() throws {
        var fixture = try StoreFixture()
        let student = try fixture.add("Minh", "Nguyen")
        let other = try fixture.add("Ben", "Okafor")
        let db = fixture.database
        let mother = try db.addContact(FamilyContact(givenName: "Lan", familyName: "Nguyen", relationship: .parent,
                                                     phone: "555-0142"), studentId: student.id!)
        let uncle = try db.addContact(FamilyContact(givenName: "Tom", familyName: "Okafor", relationship: .relative),
                                      studentId: other.id!)
        let call = AdvisingSession(studentId: student.id!, authorId: fixture.counselor.id!, startedAt: Date(), durationMinutes: 5,
                                   kind: "phone-call", participants: [.parentGuardian], note: "Called about the FAFSA.",
                                   contactIds: [mother.id!])
        let saved = try db.recordSession(call)
        XCTAssertEqual(try db.session(id: saved.id!, viewerId: fixture.counselor.id).session.contactIds, [mother.id!])

        // Another student's uncle cannot be named: refused, nothing written.
        var wrong = call
        wrong.contactIds = [uncle.id!]
        XCTAssertThrowsError(try db.recordSession(wrong)) { error in
            XCTAssertEqual((error as? StoreError)?.description,
                           "Contact \(uncle.id!) is not a family contact of this student (`waypoint contact list` with the student's ID lists theirs).")
        }
        XCTAssertEqual(try db.sessions(studentId: student.id!, viewerId: fixture.counselor.id).count, 1)

        // Amending can name someone else.
        let second = try db.addContact(FamilyContact(givenName: "Hoa", familyName: "Nguyen", relationship: .guardian),
                                       studentId: student.id!)
        try db.amendSession(id: saved.id!, note: "Called about the FAFSA.", kind: "phone-call", topics: [],
                            participants: [.parentGuardian], durationMinutes: 5, isConfidential: false,
                            by: fixture.counselor.id!, contactIds: [second.id!])
        XCTAssertEqual(try db.session(id: saved.id!, viewerId: fixture.counselor.id).session.contactIds, [second.id!])
    }

    func testTheDemoDistrictHasFamilies() throws {
        let db = try AppDatabase.inMemory()
        let district = DemoDistrict.generate(students: 60, seed: 7)
        let contacts = DemoContacts.generate(for: district.students, seed: 7)
        try db.loadDemoDistrict(district, contacts: contacts)
        let students = try db.reader.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM student ORDER BY id") }
        let withFamily = try students.filter { try !db.contacts(studentId: $0).isEmpty }
        XCTAssertGreaterThan(withFamily.count, 45, "most students have a parent or guardian on record")
        for id in students.prefix(10) {
            for contact in try db.contacts(studentId: id) {
                XCTAssertNil(ContactRules.problem(.phone, contact.phone ?? ""))
                XCTAssertTrue(contact.phone?.hasPrefix("555-01") ?? false, "a number reserved for fiction")
            }
        }
        XCTAssertTrue(contacts.contains { $0.contact.language != nil }, "an English learner's family has a home language")
    }
}

private extension FamilyContact {
    func with(_ field: ContactField, _ value: String) -> FamilyContact {
        var copy = self
        copy[field] = value
        return copy
    }
}
