import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

final class ProfileTests: XCTestCase {
    static let now = Date(timeIntervalSince1970: 1_795_440_000) // 2026-11-23 10:40 UTC
    static let kinds = SessionKindCatalog(kinds: [.init(id: "college", title: "College"), .init(id: "crisis", title: "Crisis")])

    static func data() -> ProfileData {
        var student = Fixtures.entries()[0].student
        student.preferredName = "Minh"
        let mine = AdvisingSession(id: 2, studentId: 1, authorId: 1, startedAt: now.addingTimeInterval(-3 * 86_400),
                                   durationMinutes: 20, kind: "college", topics: ["FAFSA"],
                                   note: "Walked through the FAFSA 📐 with Minh and her mother.\nNext: tax documents.")
        let theirs = AdvisingSession(id: 1, studentId: 1, authorId: 2, startedAt: now.addingTimeInterval(-30 * 86_400),
                                     durationMinutes: 35, kind: "crisis", isConfidential: true, note: "secret")
        return ProfileData(
            student: student, schoolName: "Riverside High School", counselorNames: ["Ana Rivera"],
            sessions: [SessionView(session: mine, authorName: "Ana Rivera", viewerId: 1),
                       SessionView(session: theirs, authorName: "Marcus Okafor", viewerId: 1)],
            followUps: [
                FollowUp(id: 7, studentId: 1, authorId: 1, text: "Call home about the FAFSA ID",
                         dueDate: CivilDate(year: 2026, month: 11, day: 20), createdAt: now),
                FollowUp(id: 8, studentId: 1, authorId: 1, text: "Bring tax documents",
                         dueDate: CivilDate(year: 2026, month: 11, day: 27), createdAt: now),
            ])
    }

    static func state(size: Size = Size(width: 80, height: 24)) -> AppState {
        var state = Fixtures.caseloadState(size: size)
        state.timeZone = TimeZone(identifier: "UTC")!
        state.sessionKinds = kinds
        _ = reduce(&state, .tick(now))
        let effects = reduce(&state, .command(.caseload(.openStudent)))
        XCTAssertEqual(effects, [.recordView(.viewedProfile, studentId: 1, subject: "profile", userId: 1),
                                 .loadProfile(studentId: 1, viewerId: 1, token: 1)])
        _ = reduce(&state, .profileLoaded(token: 1, data: data()))
        return state
    }

    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    func testProfileAt80x24() {
        assertScreen(render(Self.state()), matches: "profile-80x24")
    }

    func testProfileAt120x40() {
        assertScreen(render(Self.state(size: Size(width: 120, height: 40))), matches: "profile-120x40")
    }

    func testAConfidentialSessionByAnotherCounselorShowsOnlyThatItHappened() {
        let text = render(Self.state()).text
        XCTAssertTrue(text.contains("[confidential: visible to its au"))
        XCTAssertFalse(text.contains("secret"))
    }

    func testTabThenXMarksTheSelectedFollowUpDone() {
        var state = Self.state()
        XCTAssertEqual(KeyRouter.action(for: .char("x"), in: state),
                       .unavailable("Follow-up done: select a follow-up first (Tab)"))
        _ = reduce(&state, .command(.profile(.switchPanel)))
        _ = reduce(&state, .command(.list(.moveDown)))
        let effects = reduce(&state, .command(.profile(.followUpDone)))
        XCTAssertEqual(effects, [.setFollowUpStatus(id: 8, status: .done, userId: 1, loaded: .open), .loadProfile(studentId: 1, viewerId: 1, token: 2)])
        XCTAssertEqual(state.status?.text, "Follow-up “Bring tax documents” marked done; `waypoint followup set 8 open` reopens it.")
    }

    func testAStaleOrForeignProfileResultIsDropped() {
        var state = Self.state()
        var other = Self.data()
        other.student.id = 99
        _ = reduce(&state, .profileLoaded(token: 1, data: other))
        XCTAssertEqual(state.profile?.data?.student.id, 1)
    }

    func testBackReturnsToTheCaseloadWithItsFilterAndSelection() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.list(.moveDown)))
        _ = reduce(&state, .command(.caseload(.openStudent)))
        XCTAssertEqual(state.screen, .profile)
        let effects = reduce(&state, .command(.global(.back)))
        XCTAssertEqual(state.screen, .caseload)
        XCTAssertNil(state.profile)
        XCTAssertEqual(effects, [.loadCaseload(caseloadOwnerId: 1, query: "", token: state.caseload.requestToken)],
                       "what the profile changed shows on the caseload")
        var rows = Fixtures.entries()
        rows.insert(rows.remove(at: 1), at: 5)
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: rows))
        XCTAssertEqual(state.caseload.selectedEntry?.student.localId, "S100002", "the selection stays on the same student")
        XCTAssertFalse(state.shouldQuit)
    }
}

final class SessionReaderTests: XCTestCase {
    func testEnterReadsASessionInFullAndEAmendsYourOwn() {
        var state = ProfileTests.state()
        XCTAssertEqual(KeyRouter.action(for: .enter, in: state), .command(.profile(.viewSession)))
        _ = reduce(&state, .command(.profile(.viewSession)))
        XCTAssertEqual(state.overlay, .session(id: 2, scroll: 0))
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        XCTAssertTrue(buffer.text.contains("Next: tax documents."), buffer.text)
        XCTAssertEqual(KeyRouter.action(for: .char("e"), in: state), .command(.profile(.amendSession)))
        let effects = reduce(&state, .command(.profile(.amendSession)))
        XCTAssertEqual(state.screen, .editor)
        XCTAssertEqual(effects, [.loadEditorDraft(authorId: 1, studentId: 1, sessionId: 2)])
    }

    func testAColleaguesConfidentialSessionReadsAsAContactOnly() {
        var state = ProfileTests.state()
        _ = reduce(&state, .command(.list(.moveDown)))
        _ = reduce(&state, .command(.profile(.viewSession)))
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        XCTAssertTrue(buffer.text.contains("confidential to Marcus Okafor"), buffer.text)
        XCTAssertFalse(buffer.text.contains("secret"))
        XCTAssertEqual(KeyRouter.action(for: .char("e"), in: state), .unavailable("Amend: it is confidential to Marcus Okafor"))
        _ = reduce(&state, .command(.global(.back)))
        XCTAssertNil(state.overlay)
    }
}

final class ABCPanelTests: XCTestCase {
    func testTheProfileShowsTheLatestTermWithTrends() {
        var data = ProfileTests.data()
        data.attendance = [
            ABCAttendance(studentId: 1, term: "2026-FA", startDate: "2026-08-25", endDate: "2026-12-19", daysEnrolled: 50, daysPresent: 43),
            ABCAttendance(studentId: 1, term: "2026-SP", startDate: "2026-01-06", endDate: "2026-06-12", daysEnrolled: 90, daysPresent: 85),
            ABCAttendance(studentId: 1, term: "2025-FA", startDate: "2025-08-25", endDate: "2025-12-19", daysEnrolled: 80, daysPresent: 79),
        ]
        data.incidents = [ABCIncident(studentId: 1, date: "2026-10-02", kind: .suspension, severity: .major, suspensionDays: 2)]
        data.marks = [
            ABCCourseMark(studentId: 1, term: "2026-FA", course: "Algebra II", mark: ABCMark("F")!, creditsAttempted: 0.5, creditsEarned: 0, isCore: true),
            ABCCourseMark(studentId: 1, term: "2026-FA", course: "English 11", mark: ABCMark("B")!, creditsAttempted: 0.5, creditsEarned: 0.5, isCore: true),
            ABCCourseMark(studentId: 1, term: "2026-SP", course: "English 10", mark: ABCMark("A")!, creditsAttempted: 0.5, creditsEarned: 0.5, isCore: true),
        ]
        let line = ABCSummaryText.line(data, ascii: false)
        XCTAssertEqual(line, "ABCs 2026-FA: attendance 86% █▇▄ · 1 suspension · GPA 1.5 █▄ · failing Algebra II")
        XCTAssertEqual(ABCSummaryText.line(data, ascii: true), "ABCs 2026-FA: attendance 86% #*- · 1 suspension · GPA 1.5 #- · failing Algebra II")
        XCTAssertEqual(ABCSummaryText.line(ProfileTests.data(), ascii: false), "ABCs: no attendance, behavior or grade data yet")
    }
}
