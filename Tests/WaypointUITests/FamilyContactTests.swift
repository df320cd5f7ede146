import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// Family contacts on screen: the profile's Family line, a call home logged in a few keys
/// with a named guardian, the Family row of the editor, and the contact form.
final class FamilyContactTests: XCTestCase {
    static let kinds = SessionKindCatalog(kinds: [
        .init(id: "college", title: "College"), .init(id: "crisis", title: "Crisis"),
        .init(id: "phone-call", title: "Phone call", family: true), .init(id: "home-visit", title: "Home visit", family: true),
    ])

    static let mother = FamilyContact(id: 11, sourcedId: "G1", givenName: "Thị Lan", familyName: "Nguyễn", relationship: .parent,
                                      phone: "555-0142", email: "lan.nguyen@example.org", language: "Vietnamese")
    static let grandfather = FamilyContact(id: 12, givenName: "Văn Minh", familyName: "Trần", relationship: .relative,
                                           phone: "555-0199")

    static func state(size: Size = Size(width: 80, height: 24), contacts: [FamilyContact] = [mother, grandfather]) -> AppState {
        var state = ProfileTests.state(size: size)
        state.sessionKinds = kinds
        var data = ProfileTests.data()
        data.contacts = contacts
        _ = reduce(&state, .profileLoaded(token: state.profile!.requestToken, data: data))
        return state
    }

    // MARK: Profile

    func testProfileShowsTheFamilyAt80x24() {
        let buffer = render(Self.state())
        // Too wide for 80 columns in full: each contact's name and phone, so both can be called.
        XCTAssertTrue(buffer.text.contains("Family: Thị Lan Nguyễn (parent) 555-0142; Văn Minh Trần (relative) 555-0199"),
                      buffer.text)
        assertScreen(buffer, matches: "profile-family-80x24")
    }

    func testProfileShowsTheFamilyAt120x40() {
        let buffer = render(Self.state(size: Size(width: 120, height: 40)))
        XCTAssertTrue(buffer.text.contains("Family: Thị Lan Nguyễn (parent) · 555-0142 · lan.nguyen@example.org · Vietnamese; "
                                           + "Văn Minh Trần (relative) · 555-0199"), buffer.text)
        assertScreen(buffer, matches: "profile-family-120x40")
    }

    func testThreeContactsTakeASecondLineAt80x24RatherThanBeCut() {
        let aunt = FamilyContact(id: 13, givenName: "Rosa", familyName: "Testguardian", relationship: .guardian, phone: "555-0123")
        let text = render(Self.state(contacts: [Self.mother, Self.grandfather, aunt])).text
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[6], " Family: Thị Lan Nguyễn (parent) 555-0142; Văn Minh Trần (relative) 555-0199;")
        XCTAssertEqual(lines[7], "         Rosa Testguardian (guardian) 555-0123")
        XCTAssertTrue(lines[8].hasPrefix("┌─ Open follow-ups (2)"), lines[8])
    }

    func testAProfileWithoutContactsKeepsItsLayout() {
        let without = render(Self.state(contacts: []))
        XCTAssertFalse(without.text.contains("Family:"))
        XCTAssertEqual(without.text, render(ProfileTests.state()).text)
    }

    /// A draft resumed at start-up opens the editor before the profile has loaded; when the
    /// profile arrives, the editor gets the family contacts, so its Family row shows with the
    /// saved selection.
    func testADraftResumedAtStartUpGetsTheFamilyWhenTheProfileArrives() {
        var state = Fixtures.caseloadState()
        state.sessionKinds = Self.kinds
        var payload = DraftPayload(kind: "phone-call", participants: [.parentGuardian], topics: "", note: "Called home",
                                   followUps: [], isConfidential: false, startedAt: ProfileTests.now, minutes: nil)
        payload.contactIds = [12]
        let draft = DraftSummary(studentId: 1, studentName: "Minh Nguyễn", sessionId: nil, updatedAt: ProfileTests.now,
                                 payload: payload)
        _ = reduce(&state, .draftsFound([draft]))
        _ = reduce(&state, .command(.editor(.resumeDraft)))
        XCTAssertEqual(state.editor?.contacts, [], "the profile has not arrived yet")
        var data = ProfileTests.data()
        data.contacts = [Self.mother, Self.grandfather]
        _ = reduce(&state, .profileLoaded(token: state.profile!.requestToken, data: data))
        XCTAssertEqual(state.editor?.contacts, [Self.mother, Self.grandfather])
        XCTAssertEqual(state.editor?.contactIds, [12], "the saved selection survives")
        XCTAssertTrue(render(state).text.contains("Văn Minh Trần"), render(state).text)
    }

    // MARK: A call home in a few keys

    /// `f`, the note, Ctrl-S: a phone call with the first guardian named, the student not
    /// present. Two keys besides the note's text; pinned so it never grows unnoticed.
    func testACallHomeWithANamedGuardianIsTwoKeysAndTheNote() {
        var state = Self.state()
        var keys: [Key] = [.char("f")]
        var effects = press(&state, keys)
        XCTAssertEqual(effects.count, 1, "loads the draft, if any")
        let editor = try! XCTUnwrap(state.editor)
        XCTAssertEqual(editor.kind, "phone-call")
        XCTAssertEqual(editor.participants, [.parentGuardian])
        XCTAssertEqual(editor.contactIds, [11])
        XCTAssertEqual(editor.focus, .note)
        for character in "Called about the FAFSA" { _ = reduce(&state, .edit(.char(character))) }
        keys.append(.ctrl("s"))
        effects = press(&state, [.ctrl("s")])
        XCTAssertEqual(keys.count, 2, "f and Ctrl-S, besides typing the note")
        guard case .saveSession(let save)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(save.payload.kind, "phone-call")
        XCTAssertEqual(save.payload.participants, [.parentGuardian])
        XCTAssertEqual(save.payload.contactIds, [11])
        XCTAssertEqual(save.payload.note, "Called about the FAFSA")
    }

    func testTheEditorNamesAnotherGuardianOnItsFamilyRow() {
        var state = Self.state()
        _ = press(&state, [.char("n")])
        XCTAssertEqual(state.editor?.participants, [.student])
        XCTAssertEqual(state.editor?.contactIds, [])
        // From the note: Shift-Tab twice reaches the Family row (topics, then family).
        _ = press(&state, [.backTab, .backTab])
        XCTAssertEqual(state.editor?.focus, .family)
        _ = press(&state, [.right, .char(" ")])
        XCTAssertEqual(state.editor?.contactIds, [12])
        XCTAssertEqual(state.editor?.participants, [.student, .parentGuardian], "naming a relative ticks Parent/guardian")
        assertScreen(render(state), matches: "editor-family-80x24")

        // Unticking Parent/guardian un-names the family.
        _ = press(&state, [.backTab, .right, .char(" ")])
        XCTAssertEqual(state.editor?.focus, .participants)
        XCTAssertEqual(state.editor?.participants, [.student])
        XCTAssertEqual(state.editor?.contactIds, [])
    }

    func testWithoutContactsTabSkipsTheFamilyRow() {
        var state = Self.state(contacts: [])
        _ = press(&state, [.char("n"), .backTab, .backTab])
        XCTAssertEqual(state.editor?.focus, .participants)
        XCTAssertFalse(render(state).text.contains("Family"))
    }

    func testCallingFamilyWithNoContactOnRecordStillLogsTheCall() {
        var state = Self.state(contacts: [])
        _ = press(&state, [.char("f")])
        XCTAssertEqual(state.editor?.kind, "phone-call")
        XCTAssertEqual(state.editor?.participants, [.parentGuardian])
        XCTAssertEqual(state.editor?.contactIds, [])
    }

    func testTheSessionReaderNamesTheGuardian() {
        var state = ProfileTests.state()
        state.sessionKinds = Self.kinds
        var data = ProfileTests.data()
        data.contacts = [Self.mother]
        let call = AdvisingSession(id: 3, studentId: 1, authorId: 1, startedAt: ProfileTests.now, durationMinutes: 5,
                                   kind: "phone-call", participants: [.parentGuardian], note: "Called home.", contactIds: [11])
        data.sessions.insert(SessionView(session: call, authorName: "Ana Rivera", viewerId: 1), at: 0)
        _ = reduce(&state, .profileLoaded(token: state.profile!.requestToken, data: data))
        _ = press(&state, [.enter])
        let text = render(state).text
        XCTAssertTrue(text.contains("With: Parent/guardian"), text)
        XCTAssertTrue(text.contains("Family: Thị Lan Nguyễn (parent)"), text)
    }

    // MARK: The contact form

    func testTheContactFormEditsAPhoneAndRefusesABadOne() {
        var state = Self.state()
        _ = press(&state, [.char("c")])
        XCTAssertEqual(Keymaps.context(for: state), .contactForm)
        XCTAssertEqual(state.profile?.contactFormPurpose, .choose)
        _ = press(&state, [.enter])
        XCTAssertEqual(state.profile?.contactFormPurpose, .edit(Self.mother))
        // Tab to the phone, clear it, type a bad one.
        _ = press(&state, [.tab, .tab, .tab])
        for _ in 0..<8 { _ = press(&state, [.backspace]) }
        for character in "call after 5" { _ = reduce(&state, .edit(.char(character))) }
        var effects = press(&state, [.enter])
        XCTAssertEqual(effects, [], "nothing is saved")
        XCTAssertEqual(state.profile?.contactForm?.error,
                       "Phone: expected a phone number: digits, spaces, + ( ) - . and an extension such as x12.")
        assertScreen(render(state), matches: "contact-form-error-80x24")

        for _ in 0..<12 { _ = press(&state, [.backspace]) }
        for character in "555-0177" { _ = reduce(&state, .edit(.char(character))) }
        effects = press(&state, [.enter])
        XCTAssertEqual(effects.first, .saveContact(studentId: 1, contactId: 11, changes: [.phone: "555-0177"]))
        XCTAssertNil(state.profile?.contactForm)
    }

    func testTheContactFormAddsANewContact() {
        var state = Self.state()
        _ = press(&state, [.char("c"), .left, .enter])
        XCTAssertEqual(state.profile?.contactFormPurpose, .add)
        for character in "Rosa" { _ = reduce(&state, .edit(.char(character))) }
        _ = press(&state, [.tab])
        for character in "Nguyễn" { _ = reduce(&state, .edit(.char(character))) }
        _ = press(&state, [.tab, .char("g")])
        let effects = press(&state, [.enter])
        XCTAssertEqual(effects.first, .saveContact(studentId: 1, contactId: nil, changes: [
            .givenName: "Rosa", .familyName: "Nguyễn", .relationship: "guardian",
        ]))
    }

    func testAHandEditTheRosterDisagreesWithShowsTheRostersValue() {
        var edited = Self.mother
        edited.handEdited = [.phone]
        edited.rosterValues = [.phone: "555-0100"]
        var state = Self.state(contacts: [edited])
        _ = press(&state, [.char("c"), .enter])
        XCTAssertEqual(state.profile?.contactForm?.title, "Edit Thị Lan Nguyễn · roster says phone 555-0100")
    }
}
