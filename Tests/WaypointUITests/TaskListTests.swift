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

    /// A follow-up is no longer buried under overdue milestones: those come last.
    func testFollowUpsByDayThenUndatedThenOverdueMilestones() {
        XCTAssertEqual(TaskRow.ordered(rows(), today: today).map(\.text), ["Check transcript", "Someday", "FAFSA"])
        let late = TaskRow(source: .followUp(id: 9), studentId: 2, studentName: "Okafor, Ben", localId: "S2",
                           due: today.adding(days: -1), text: "Call home")
        XCTAssertEqual(TaskRow.ordered(rows() + [late], today: today).first?.text, "Call home", "overdue follow-ups first")
    }

    /// The to-do list orders students by name as the caseload does (`Student.sortKey`:
    /// folded family name, then first name): "de la Cruz" among the D's, "Hernández" before
    /// "Hernández Ruiz" (issue 15).
    func testStudentsAreOrderedByNameAsTheCaseloadOrdersThem() {
        let students = [
            Student(id: 1, localId: "S1", givenName: "Wei", familyName: "Zhang", grade: Grade(rawValue: 9)!, schoolId: 1),
            Student(id: 2, localId: "S2", givenName: "Ana", familyName: "de la Cruz", grade: Grade(rawValue: 9)!, schoolId: 1),
            Student(id: 3, localId: "S3", givenName: "Luis", familyName: "Díaz", grade: Grade(rawValue: 9)!, schoolId: 1),
            Student(id: 4, localId: "S4", givenName: "Eva", familyName: "Hernández Ruiz", grade: Grade(rawValue: 9)!, schoolId: 1),
            Student(id: 5, localId: "S5", givenName: "Zoe", familyName: "Hernández", grade: Grade(rawValue: 9)!, schoolId: 1),
        ]
        let caseloadOrder = students.sorted { ($0.sortKey, $0.localId) < ($1.sortKey, $1.localId) }.map(\.localId)
        XCTAssertEqual(caseloadOrder, ["S2", "S3", "S5", "S4", "S1"])
        let rows = students.map { student in
            TaskRow(source: .followUp(id: student.id!), studentId: student.id!, studentName: student.listName,
                    localId: student.localId, due: today, text: "Call home", sortKey: student.sortKey)
        }
        XCTAssertEqual(TaskRow.ordered(rows.reversed(), today: today).map(\.localId), caseloadOrder)
    }

    func testFShowsFollowUpsOnlyThenMilestonesOnlyThenBoth() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.openTasks)))
        _ = reduce(&state, .tasksLoaded(token: 1, rows: TaskRow.ordered(rows(), today: today)))
        XCTAssertEqual(KeyRouter.action(for: .char("f"), in: state), .command(.tasks(.cycleShow)))
        XCTAssertTrue(Keymaps.tasks.hints(for: state).contains { $0.keys == "f" && $0.title == "Follow-ups only" })
        _ = reduce(&state, .command(.tasks(.cycleShow)))
        XCTAssertEqual(state.tasks?.rows.map(\.text), ["Check transcript", "Someday"])
        XCTAssertEqual(state.status?.text, "Showing follow-ups only: 2 of 3.")
        XCTAssertTrue(Keymaps.tasks.hints(for: state).contains { $0.keys == "f" && $0.title == "Milestones only" })
        _ = reduce(&state, .command(.list(.moveDown)))
        _ = reduce(&state, .command(.tasks(.cycleShow)))
        XCTAssertEqual(state.tasks?.rows.map(\.text), ["FAFSA"])
        XCTAssertEqual(state.tasks?.table.selected, 0, "the selection goes to the top of the new list")
        _ = reduce(&state, .command(.tasks(.cycleShow)))
        XCTAssertEqual(state.tasks?.rows.count, 3)
        _ = reduce(&state, .tasksLoaded(token: 1, rows: TaskRow.ordered(rows(), today: today)))
        XCTAssertEqual(state.tasks?.rows.count, 3)
    }

    func testTheListOpensMarksFollowUpsDoneAndJumpsToTheStudent() {
        var state = Fixtures.caseloadState()
        XCTAssertEqual(KeyRouter.action(for: .char("t"), in: state), .command(.caseload(.openTasks)))
        let effects = reduce(&state, .command(.caseload(.openTasks)))
        XCTAssertEqual(effects, [.loadTasks(caseloadOwnerId: 1, viewerId: 1, token: 1)])
        _ = reduce(&state, .tasksLoaded(token: 1, rows: TaskRow.ordered(rows(), today: today)))
        _ = reduce(&state, .command(.list(.moveBottom)))
        XCTAssertEqual(state.tasks?.selected?.text, "FAFSA")
        XCTAssertEqual(KeyRouter.action(for: .char("x"), in: state),
                       .unavailable("Done: a milestone is marked done in the student's plan (Enter, then m)"))
        _ = reduce(&state, .command(.list(.moveTop)))
        XCTAssertEqual(reduce(&state, .command(.tasks(.taskDone))), [.setFollowUpStatus(id: 7, status: .done, userId: 1, loaded: .open), .loadTasks(caseloadOwnerId: 1, viewerId: 1, token: 2)])
        XCTAssertEqual(reduce(&state, .command(.tasks(.openTaskStudent))),
                       [.recordView(.viewedProfile, studentId: 2, subject: "profile", userId: 1),
                        .loadProfile(studentId: 2, viewerId: 1, token: 1)])
        XCTAssertEqual(state.screen, .profile)
        XCTAssertEqual(reduce(&state, .command(.global(.back))), [.loadTasks(caseloadOwnerId: 1, viewerId: 1, token: 3)], "back to a fresh list")
        XCTAssertEqual(state.screen, .tasks)
    }
}
