import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

final class TaskListTests: XCTestCase {
    let today = CivilDate(year: 2026, month: 11, day: 23)

    private func rows() -> [TaskRow] {
        [
            TaskRow(source: .followUp(id: 7), studentId: 2, studentName: "Okafor, Ben", localId: "S2", due: today.adding(days: 4), text: "Check transcript"),
            TaskRow(source: .milestone(id: "fafsa"), studentId: 1, studentName: "Lopez, Ana", localId: "S1", due: today.adding(days: -3), text: "FAFSA"),
            TaskRow(source: .followUp(id: 8), studentId: 1, studentName: "Lopez, Ana", localId: "S1", due: nil, text: "Someday"),
        ]
    }

    func testSoonestFirstUndatedLast() {
        XCTAssertEqual(TaskRow.ordered(rows()).map(\.text), ["FAFSA", "Check transcript", "Someday"])
    }

    func testTheListOpensMarksFollowUpsDoneAndJumpsToTheStudent() {
        var state = Fixtures.caseloadState()
        XCTAssertEqual(KeyRouter.action(for: .char("t"), in: state), .command(.caseload(.openTasks)))
        let effects = reduce(&state, .command(.caseload(.openTasks)))
        XCTAssertEqual(effects, [.loadTasks(caseloadOwnerId: 1, viewerId: 1, token: 1)])
        _ = reduce(&state, .tasksLoaded(token: 1, rows: TaskRow.ordered(rows())))
        XCTAssertEqual(state.tasks?.selected?.text, "FAFSA")
        XCTAssertEqual(KeyRouter.action(for: .char("x"), in: state),
                       .unavailable("Done: a milestone is marked done in the student's plan (Enter, then p)"))
        _ = reduce(&state, .command(.list(.moveDown)))
        XCTAssertEqual(reduce(&state, .command(.tasks(.taskDone))), [.setFollowUpStatus(id: 7, status: .done, userId: 1, loaded: .open), .loadTasks(caseloadOwnerId: 1, viewerId: 1, token: 2)])
        XCTAssertEqual(reduce(&state, .command(.tasks(.openTaskStudent))),
                       [.recordView(.viewedProfile, studentId: 2, subject: "profile", userId: 1),
                        .loadProfile(studentId: 2, viewerId: 1, token: 1)])
        XCTAssertEqual(state.screen, .profile)
        XCTAssertEqual(reduce(&state, .command(.global(.back))), [.loadTasks(caseloadOwnerId: 1, viewerId: 1, token: 3)], "back to a fresh list")
        XCTAssertEqual(state.screen, .tasks)
    }
}
