import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// Issue 15, item 9: a table column that repeats one value for every row gives its room to
/// what differs, and the value is said once, in the title (`Table.sayingUniformColumnsOnce`).
final class UniformColumnScreenTests: XCTestCase {
    private func oneSchool(_ entries: [CaseloadEntry]) -> [CaseloadEntry] {
        entries.map { entry in
            var entry = entry
            entry.schoolName = "Franklin High School"
            return entry
        }
    }

    func testACaseloadOfOneSchoolSaysItOnceAndTheNamesTakeItsRoom() {
        var state = Fixtures.caseloadState()
        let before = render(state)
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: oneSchool(Fixtures.entries())))
        let buffer = render(state)
        XCTAssertTrue(buffer.line(0).contains("Caseload of Ana Rivera · Franklin High School"), buffer.text)
        XCTAssertFalse(buffer.line(1).contains("School"), buffer.text)
        XCTAssertFalse(buffer.text.contains("Franklin…"), buffer.text)
        let nameWidth = { (screen: Buffer) in DisplayWidth.of(screen.line(1).prefix { $0 != "I" }) }
        XCTAssertGreaterThan(nameWidth(buffer), nameWidth(before), "the name column is wider")
        assertScreen(buffer, matches: "caseload-one-school-80x24")
    }

    func testTheDistrictOfOneSchoolToo() {
        var state = Fixtures.caseloadState()
        state.caseloadOwnerId = nil
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: oneSchool(Fixtures.entries())))
        XCTAssertTrue(render(state).line(0).hasPrefix(" All students in the district"), render(state).text)
        XCTAssertTrue(render(state).line(0).contains("· Franklin High School"), render(state).text)
    }

    /// Counselors assigned by grade: the grade is said once; on needs attention too.
    func testACaseloadOfOneGradeSaysTheGradeOnce() {
        var state = Fixtures.caseloadState()
        let ninth = oneSchool(Fixtures.entries()).map { entry in
            var entry = entry
            entry.student.grade = Grade(rawValue: 9)!
            return entry
        }
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: ninth))
        XCTAssertTrue(render(state).line(0).contains("Caseload of Ana Rivera · grade 9 · Franklin High School"), render(state).text)
        XCTAssertFalse(render(state).line(1).contains("Gr "), render(state).text)

        var attention = NeedsAttentionTests.entries()
        for index in attention.indices { attention[index].student.grade = Grade(rawValue: 9)! }
        let needs = NeedsAttentionTests.state(entries: attention)
        XCTAssertTrue(render(needs).line(0).contains("· grade 9"), render(needs).text)
        XCTAssertFalse(render(needs).text.split(separator: "\n").contains { $0.contains("Why") && $0.contains("Gr ") }, render(needs).text)
        assertScreen(render(needs), matches: "needs-attention-one-grade-80x24")
    }

    /// A profile whose sessions were all written by one counselor names them once, in the
    /// panel's title, and the notes get the room; two authors keep the column.
    func testSessionsAllByOneCounselorSayItOnce() {
        var state = ProfileTests.state()
        XCTAssertTrue(render(state).text.contains(" By "), "two authors: the column stays\n\(render(state).text)")
        var data = ProfileTests.data()
        data.sessions = data.sessions.map { view in
            var view = view
            view.authorName = "Ana Rivera"
            return view
        }
        _ = reduce(&state, .profileLoaded(token: state.profile!.requestToken, data: data))
        let text = render(state).text
        XCTAssertTrue(text.contains("Sessions (2) · all by Ana Rivera"), text)
        XCTAssertFalse(text.contains(" By "), text)
        XCTAssertTrue(text.contains("Walked through the FAFSA 📐 with Minh"), "the note has more room:\n\(text)")
    }

    /// Several schools: the column stays (the usual case, unchanged).
    func testSeveralSchoolsKeepTheColumn() {
        let buffer = render(Fixtures.caseloadState())
        XCTAssertTrue(buffer.line(1).contains("School"), buffer.text)
    }
}
