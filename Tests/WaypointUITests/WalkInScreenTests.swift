import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// A walk-in student on screen: `N` on the caseload opens the form on the counselor's usual
/// school, a bad value is named in the form and nothing is asked of the store, a good one
/// asks for the student to be added and opens their profile; the mark shows in the caseload
/// row and the profile header.
final class WalkInScreenTests: XCTestCase {
    static let schools = [School(id: 1, sourcedId: "org1", name: "Riverside High School"),
                          School(id: 2, sourcedId: "org2", name: "Lincoln High School"),
                          School(id: 3, sourcedId: "org3", name: "Eastside Early College High School")]

    static let walkIn = Student(id: 31, localId: "100234", givenName: "Ana Sofía", familyName: "López",
                                grade: Grade(rawValue: 9)!, schoolId: 2, isWalkIn: true)

    private func type(_ state: inout AppState, _ text: String) {
        for character in text { _ = reduce(&state, .edit(.char(character))) }
    }

    /// The caseload with the form open, as after `N` and the schools' arrival.
    private func formState(size: Size = Size(width: 80, height: 24), rows: Int = 30) -> AppState {
        var state = Fixtures.caseloadState(size: size, rows: rows)
        XCTAssertEqual(press(&state, [.char("N")]), [.loadWalkInSchools])
        _ = reduce(&state, .walkInSchoolsLoaded(Self.schools))
        XCTAssertEqual(Keymaps.context(for: state), .walkInForm)
        return state
    }

    private func fill(_ state: inout AppState, given: String = "Ana Sofía", family: String = "López", grade: String = "9",
                      localId: String = "100234", birthDate: String = "") {
        type(&state, given)
        _ = press(&state, [.tab]); type(&state, family)
        _ = press(&state, [.tab]); type(&state, grade)
        _ = press(&state, [.tab, .tab]); type(&state, localId)
        _ = press(&state, [.tab]); type(&state, birthDate)
    }

    func testTheFormOpensOnTheSchoolMostOfTheCaseloadAttends() {
        // Rows 0..<4 attend schools 1, 2, 3, 1: school 1 is the usual one.
        var state = formState(rows: 4)
        XCTAssertEqual(state.caseload.walkInForm?[WalkIn.Field.school.rawValue], "1")
        _ = press(&state, [.tab, .tab, .tab, .right])
        XCTAssertEqual(state.caseload.walkInForm?[WalkIn.Field.school.rawValue], "2")
    }

    func testAGoodFormAsksForTheStudentOnTheCounselorsCaseload() {
        var state = formState()
        fill(&state, birthDate: "2011-04-30")
        let effects = press(&state, [.enter])
        XCTAssertEqual(effects, [.addWalkIn(NewWalkIn(givenName: "Ana Sofía", familyName: "López", grade: Grade(rawValue: 9)!,
                                                      schoolId: 1, localId: "100234", birthDate: CivilDate(iso: "2011-04-30")),
                                            counselorId: 1)])
        XCTAssertNotNil(state.caseload.walkInForm, "kept until the store answers")
    }

    func testABadValueIsNamedInTheFormAndNothingIsAsked() {
        var state = formState()
        fill(&state, grade: "ninth")
        XCTAssertEqual(press(&state, [.enter]), [])
        XCTAssertEqual(state.caseload.walkInForm?.error, "Grade: expected a grade: PK, K or 1 to 13.")
        var missing = formState()
        XCTAssertEqual(press(&missing, [.enter]), [])
        XCTAssertEqual(missing.caseload.walkInForm?.error, "Given name: expected a name (it cannot be empty).")
    }

    func testWithoutALocalIdTheFormStillAdds() {
        var state = formState()
        fill(&state, localId: "")
        guard case .addWalkIn(let student, _)? = press(&state, [.enter]).first else { return XCTFail("nothing asked") }
        XCTAssertNil(student.localId)
    }

    func testARefusalStaysInTheFormAndEscapeCancels() {
        var state = formState()
        fill(&state)
        _ = press(&state, [.enter])
        _ = reduce(&state, .walkInRefused("Local ID 100234 already belongs to Liam O'Brien: open that student instead, "
            + "or check the ID; nothing was added."))
        XCTAssertEqual(state.caseload.walkInForm?.error?.hasPrefix("Local ID 100234 already belongs"), true)
        _ = press(&state, [.escape])
        XCTAssertNil(state.caseload.walkInForm)
        XCTAssertEqual(Keymaps.context(for: state), .caseload)
    }

    func testAddedTheProfileOpensAndTheCaseloadReloads() {
        var state = formState()
        fill(&state)
        _ = press(&state, [.enter])
        let effects = reduce(&state, .walkInAdded(Self.walkIn))
        XCTAssertNil(state.caseload.walkInForm)
        XCTAssertEqual(state.screen, .profile)
        XCTAssertTrue(effects.contains(.loadProfile(studentId: 31, viewerId: 1, token: 1)), "\(effects)")
        XCTAssertTrue(effects.contains { if case .loadCaseload = $0 { true } else { false } }, "\(effects)")
        XCTAssertEqual(state.status?.text, "Added Ana Sofía López (100234) to your caseload, not from the roster: "
            + "a roster import with that local ID merges them.")
    }

    func testNeedsSomeoneAtTheKeyboardAndIsRefusedWhenJoined() {
        var state = Fixtures.caseloadState()
        state.sync.status = SyncStatus(hubUrl: "postgres://ana@hub/district")
        guard case .unavailable(let reason)? = KeyRouter.action(for: .char("N"), in: state) else { return XCTFail("N is available") }
        XCTAssertEqual(reason, "New walk-in student (not from the roster): students come from the hub's roster on a joined workstation")
        var nobody = Fixtures.caseloadState()
        nobody.userId = nil
        guard case .unavailable(let why)? = KeyRouter.action(for: .char("N"), in: nobody) else { return XCTFail("N is available") }
        XCTAssertTrue(why.hasSuffix("say who you are first (c)"), why)
    }

    // MARK: Screens

    func testTheFormAt80x24() {
        var state = formState()
        fill(&state, given: "Ana Sofía", family: "López Hernández de la Cruz", localId: "")
        assertScreen(render(state), matches: "walk-in-form-80x24")
    }

    func testTheFormWithAnErrorAt120x40() {
        var state = formState(size: Size(width: 120, height: 40))
        fill(&state, birthDate: "30/04/2011")
        _ = press(&state, [.enter])
        XCTAssertEqual(state.caseload.walkInForm?.error, "Date of birth: expected a date as YYYY-MM-DD, e.g. 2011-04-30.")
        assertScreen(render(state), matches: "walk-in-form-120x40")
    }

    /// Needs attention (v7) draws its own table: the form shows over it too.
    func testTheFormShowsOverNeedsAttention() {
        var state = Fixtures.caseloadState()
        state.caseload.preset = .needsAttention
        _ = press(&state, [.char("N")])
        _ = reduce(&state, .walkInSchoolsLoaded(Self.schools))
        XCTAssertTrue(render(state).text.contains("New walk-in student (not from the roster)"), render(state).text)
    }

    private func caseloadWithWalkIn(size: Size) -> AppState {
        var state = Fixtures.caseloadState(size: size, rows: 6)
        let rows = Fixtures.entries(count: 6) + [CaseloadEntry(student: Self.walkIn, schoolName: "Lincoln High School")]
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: rows))
        return state
    }

    func testTheCaseloadRowMarksTheWalkInAt80x24And120x40() {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let buffer = render(caseloadWithWalkIn(size: size))
            XCTAssertTrue(buffer.text.contains("López, Ana Sofía (walk-in)"), buffer.text)
            assertScreen(buffer, matches: "walk-in-caseload-\(size.width)x\(size.height)")
        }
    }

    func testTheProfileHeaderSaysNotFromTheRosterAt80x24And120x40() {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var state = ProfileTests.state(size: size)
            var data = ProfileTests.data()
            data.student.isWalkIn = true
            data.student.preferredName = nil
            _ = reduce(&state, .profileLoaded(token: state.profile!.requestToken, data: data))
            let buffer = render(state)
            XCTAssertTrue(buffer.text.contains("Minh Anh Nguyễn · not from the roster: added by hand"), buffer.text)
            assertScreen(buffer, matches: "walk-in-profile-\(size.width)x\(size.height)")
        }
    }
}
