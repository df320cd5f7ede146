import Foundation
import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

/// Issue 15, item 9: 80x24 is a first-class size. Every screen is drawn at 80x24 with the
/// names that break layouts (a 46-letter family name, one in wide characters, a counselor
/// of 50 letters, a school of 90), and each must keep its frame whole, its title and
/// footer bars whole, and still show who it is about: the start of the name and the local ID.
final class LongNamesAt80x24Tests: XCTestCase {
    static let size = Size(width: 80, height: 24)
    static let longFamily = "Wolfeschlegelsteinhausenbergerdorff-Montgomery"
    static let longGiven = "Maximiliana Alexandrina"
    /// Forty columns of wide characters.
    static let wideFamily = "欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜欧阳娜娜"
    static let wideGiven = "美玲美玲"
    static let longSchool = "Thurgood Marshall Academy for Science, Technology and Mathematics Early College High School"
    static let otherSchool = "Dr. Martin Luther King Jr. International Baccalaureate High School"
    static let counselors = [
        Counselor(id: 1, sourcedId: "c1", givenName: "Bartholomew Alexander", familyName: "Featherstonehaugh-Cholmondeley",
                  email: "bfc@example.org"),
        Counselor(id: 2, sourcedId: "c2", givenName: "Marcus", familyName: "Okafor", email: "mokafor@example.org"),
    ]
    static let counselorName = "Bartholomew Alexander Featherstonehaugh-Cholmondeley"

    /// Twelve students: the long and the wide names first, then ordinary ones.
    static func entries(schools: [String] = [longSchool]) -> [CaseloadEntry] {
        Fixtures.entries(count: 12).enumerated().map { index, entry in
            var entry = entry
            entry.schoolName = schools[index % schools.count]
            if index == 0 {
                entry.student.familyName = longFamily
                entry.student.givenName = longGiven
                entry.student.preferredName = nil
            }
            if index == 1 {
                entry.student.familyName = wideFamily
                entry.student.givenName = wideGiven
                entry.student.preferredName = nil
            }
            return entry
        }
    }

    static func caseload(schools: [String] = [longSchool]) -> AppState {
        var state = AppState(size: size, caseloadOwnerId: 1)
        state.userId = 1
        state.timeZone = TimeZone(identifier: "UTC")!
        _ = reduce(&state, .started(counselors: counselors, isEmpty: false))
        _ = reduce(&state, .passphraseProbed(counselorId: 1, isSet: false, mayChoose: true))
        _ = reduce(&state, .tick(ProfileTests.now))
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: entries(schools: schools)))
        return state
    }

    static func profileData(_ student: Student) -> ProfileData {
        var data = ProfileTests.data()
        data.student = student
        data.schoolName = longSchool
        data.counselorNames = [counselorName, "Marcus Okafor"]
        data.sessions = data.sessions.map { view in
            var view = view
            view.authorName = counselorName
            return view
        }
        data.contacts = [FamilyContact(id: 11, givenName: "Anastasia Konstantinovna", familyName: longFamily, relationship: .parent,
                                       phone: "555-0142", email: "anastasia.konstantinovna@example.org", language: "Russian"),
                         FamilyContact(id: 12, givenName: "Konstantin", familyName: longFamily, relationship: .relative, phone: "555-0199")]
        data.interventions = [Intervention(id: 5, studentId: student.id!, kind: "tutoring", ownerId: 1, ownerName: "\(counselorName) (tutor)",
                                           tier: 2, area: .academic, goal: "Pass Algebra I with a grade of C or better by the end of the semester",
                                           startDate: InterventionScreenTests.start, sessionsPerWeek: 2, minutesPerSession: 30,
                                           plannedWeeks: 8, measure: "quiz score %")]
        data.interventionNotes = InterventionScreenTests.notes()
        data.interventionOwners = [1: counselorName]
        // Every test a junior could have: the Tests line is cut at the edge, never wrapped over the panels.
        data.testResults = AssessmentScreenTests.results(studentId: student.id!)
            + ["ap-us-history", "ap-english-language", "asvab", "state-ela-11"].map {
                AssessmentResult(studentId: student.id!, testId: $0, date: CivilDate(year: 2026, month: 5, day: 14), total: 3)
            }
        return data
    }

    /// The profile of student `index` (0: the long name, 1: the wide one).
    static func profile(_ index: Int = 0) -> AppState {
        var state = caseload()
        state.sessionKinds = FamilyContactTests.kinds
        state.caseload.table.select(index, rowCount: state.caseload.rows.count, visibleRows: state.caseloadVisibleRows)
        _ = reduce(&state, .command(.caseload(.openStudent)))
        let student = state.caseload.rows[index].student
        _ = reduce(&state, .profileLoaded(token: state.profile!.requestToken, data: profileData(student)))
        return state
    }

    static func student(_ index: Int) -> Student { entries()[index].student }

    // MARK: The checks

    /// What must hold on every screen, whatever the names.
    private func assertWhole(_ buffer: Buffer, showing needles: [String], bars: Bool = true, _ screen: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        let text = buffer.text
        XCTAssertEqual(buffer.size, Self.size, file: file, line: line)
        if bars {
            for x in 0..<buffer.size.width {
                XCTAssertEqual(buffer[x, 0].style, Theme.titleBar, "\(screen): the title bar is whole at column \(x)\n\(text)",
                               file: file, line: line)
                XCTAssertTrue(buffer[x, buffer.size.height - 1].style.attributes.contains(.reverse),
                              "\(screen): the footer is whole at column \(x)\n\(text)", file: file, line: line)
            }
        }
        for problem in Self.frameProblems(buffer) {
            XCTFail("\(screen): \(problem)\n\(text)", file: file, line: line)
        }
        for needle in needles where !text.contains(needle) {
            XCTFail("\(screen): “\(needle)” is not on screen\n\(text)", file: file, line: line)
        }
    }

    /// Every box drawn on screen is closed: each ┌ has its ┐ on the same row, sides of │ (or
    /// a join) down to └ and ┘ in the same columns, a bottom edge of ─, so text written over
    /// a frame is caught. A box partly hidden by a whole box drawn over it (a form over the
    /// profile) is whole where it shows.
    static func frameProblems(_ buffer: Buffer) -> [String] {
        struct Box { var x, y, right, bottom: Int; var broken: [(Int, Int)] }
        let symbol = { (x: Int, y: Int) -> String in buffer[x, y].symbol }
        var boxes: [Box] = []
        var problems: [String] = []
        for y in 0..<buffer.size.height {
            for x in 0..<buffer.size.width where symbol(x, y) == "┌" {
                guard let right = (x + 1..<buffer.size.width).first(where: { symbol($0, y) == "┐" }),
                      let bottom = (y + 1..<buffer.size.height).first(where: { symbol(x, $0) == "└" || symbol(right, $0) == "┘" }) else {
                    problems.append("the box at (\(x), \(y)) is not closed")
                    continue
                }
                var broken: [(Int, Int)] = []
                for row in y + 1..<bottom {
                    if !["│", "├"].contains(symbol(x, row)) { broken.append((x, row)) }
                    if !["│", "┤"].contains(symbol(right, row)) { broken.append((right, row)) }
                }
                if symbol(x, bottom) != "└" { broken.append((x, bottom)) }
                if symbol(right, bottom) != "┘" { broken.append((right, bottom)) }
                for column in x + 1..<right where symbol(column, bottom) != "─" { broken.append((column, bottom)) }
                boxes.append(Box(x: x, y: y, right: right, bottom: bottom, broken: broken))
            }
        }
        let whole = boxes.filter(\.broken.isEmpty)
        for box in boxes {
            let shown = box.broken.filter { cell in
                !whole.contains { $0.x <= cell.0 && cell.0 <= $0.right && $0.y <= cell.1 && cell.1 <= $0.bottom }
            }
            if let (x, y) = shown.first {
                problems.append("the box at (\(box.x), \(box.y)) is broken at (\(x), \(y)): “\(buffer.line(y))”")
            }
        }
        return problems
    }

    private static let nameStart = String(longFamily.prefix(12))
    private static let wideStart = String(wideFamily.prefix(4))

    // MARK: Every screen

    func testCaseloadAndDistrict() {
        var state = Self.caseload()
        // One school for all: said once in the title, its column's room given to the names.
        assertWhole(render(state), showing: [Self.nameStart, "S100001", Self.wideStart, "S100002", "· Thurgood Marshall"], "caseload")
        XCTAssertFalse(render(state).line(1).contains("School"), render(state).text)
        state = Self.caseload(schools: [Self.longSchool, Self.otherSchool])
        assertWhole(render(state), showing: [Self.nameStart, "S100001", Self.wideStart, "S100002", "Thurgood"], "caseload, two schools")
        _ = reduce(&state, .command(.caseload(.switchCounselor)))
        assertWhole(render(state), showing: ["Featherstonehaugh"], "counselor picker")
        state = Self.caseload(schools: [Self.longSchool, Self.otherSchool])
        state.caseloadOwnerId = nil
        assertWhole(render(state), showing: [Self.nameStart, "S100001", "All students in the district"], "district")
    }

    func testNeedsAttentionAndToDo() {
        var entries = Self.entries()
        for index in entries.indices { entries[index].lastContact = NeedsAttentionTests.seen(daysAgo: 45) }
        entries[0].tier = 3
        entries[1].tier = 2
        var state = NeedsAttentionTests.state(size: Self.size, entries: entries)
        assertWhole(render(state), showing: [Self.nameStart, "S100001", Self.wideStart, "S100002"], "needs attention")

        state = Self.caseload()
        _ = reduce(&state, .command(.caseload(.openTasks)))
        let today = CivilDate(year: 2026, month: 11, day: 23)
        let rows = Self.entries().prefix(3).enumerated().map { index, entry in
            TaskRow(source: .followUp(id: Int64(index + 1)), studentId: entry.student.id!, studentName: entry.student.listName,
                    localId: entry.student.localId, due: today.adding(days: index - 1),
                    text: "Call \(Self.counselorName) about the schedule change and the transcript request")
        }
        _ = reduce(&state, .tasksLoaded(token: state.tasks!.requestToken, rows: TaskRow.ordered(Array(rows), today: today)))
        assertWhole(render(state), showing: [Self.nameStart, "S100001", Self.wideStart, "S100002"], "to-do")
    }

    func testProfilePlanAndEditor() {
        for index in [0, 1] {
            // These screens name the student given name first ("Maximiliana Alexandrina W…").
            let start = index == 0 ? String(Self.longGiven.prefix(12)) : Self.wideGiven
            let localId = Self.student(index).localId
            var state = Self.profile(index)
            assertWhole(render(state), showing: [start, localId], "profile \(index)")

            _ = reduce(&state, .command(.profile(.openPlan)))
            var plan = PlanScreenTests.data()
            plan.student = Self.student(index)
            plan.schoolName = Self.longSchool
            plan.testResults = Self.profileData(Self.student(index)).testResults
            _ = reduce(&state, .planLoaded(token: state.plan!.requestToken, data: plan))
            for section in PlanState.Section.allCases {
                _ = reduce(&state, .command(.plan(.showSection(section))))
                assertWhole(render(state), showing: [start, localId], "plan, \(section.title), student \(index)")
            }

            state = Self.profile(index)
            _ = reduce(&state, .command(.profile(.newSession)))
            _ = reduce(&state, .editorDraftLoaded(studentId: Self.student(index).id!, sessionId: nil, draft: nil, knownTopics: []))
            // Both contacts on the Family row, the second not pushed off the edge.
            assertWhole(render(state), showing: [start, localId, "[ ] Anastasia", "[ ] Konstantin"], "editor \(index)")
        }
    }

    func testFormsOverTheProfileAndTheCaseload() {
        let start = Self.nameStart, localId = "S100001"
        var state = Self.profile()
        _ = press(&state, [.char("c")])
        assertWhole(render(state), showing: [localId], "contact form")

        state = Self.profile()
        _ = press(&state, [.char("i")])
        assertWhole(render(state), showing: [localId], "intervention start form")
        state = Self.profile()
        _ = press(&state, [.char("u")])
        assertWhole(render(state), showing: [localId], "intervention note form")
        state = Self.profile()
        _ = press(&state, [.char("U")])
        assertWhole(render(state), showing: [localId], "intervention close form")

        state = Self.caseload()
        _ = press(&state, [.char("N")])
        _ = reduce(&state, .walkInSchoolsLoaded([School(id: 1, sourcedId: "org1", name: Self.longSchool),
                                                 School(id: 2, sourcedId: "org2", name: Self.otherSchool)]))
        for character in Self.longGiven { _ = reduce(&state, .edit(.char(character))) }
        _ = press(&state, [.tab])
        for character in Self.longFamily { _ = reduce(&state, .edit(.char(character))) }
        assertWhole(render(state), showing: ["Thurgood"], "walk-in form")
        _ = start
    }

    /// The Colleges panel, its form and the removal question, with an institution's long name.
    func testCollegesOnTheProfile() {
        let localId = "S100001"
        let longInstitution = "The Massachusetts College of Pharmacy and Allied Health Sciences at Worcester"
        var state = Self.profile()
        var data = Self.profileData(state.profile!.data!.student)
        data.applications = [
            CollegeApplication(id: 1, studentId: data.student.id!, institution: longInstitution, type: .earlyDecision,
                               deadline: CivilDate(year: 2026, month: 11, day: 1), status: .waitlisted, transcript: .sent,
                               recommendation: .requested, aidAward: 999_999),
            CollegeApplication(id: 2, studentId: data.student.id!, institution: Self.longSchool, type: .rolling),
        ]
        _ = reduce(&state, .profileLoaded(token: state.profile!.requestToken, data: data))
        assertWhole(render(state), showing: [localId, "Colleges (2)", "$999,999", "Waitlisted", "Massachusetts"], "colleges panel")
        _ = press(&state, [.tab, .tab])
        assertWhole(render(state), showing: ["Colleges (2)", "Status"], "colleges panel focused")
        _ = press(&state, [.char("O")])
        assertWhole(render(state), showing: [localId, "Massachusetts"], "college form")
        _ = press(&state, [.escape, .char("D")])
        assertWhole(render(state), showing: [localId, "Remove college application?"], "college removal")
    }

    func testReportsEveryTab() {
        var state = Self.caseload()
        _ = reduce(&state, .command(.caseload(.openReports)))
        let groups = [Self.counselorName, "Marcus Okafor", "Grade 10", "American Indian or Alaska Native"]
        let report = Report(title: "Early-warning tiers and interventions", groupTitle: "Counselor",
                            measures: ["Tier 1 (%)", "Tier 2 (%)", "Tier 3 (%)", "No data (%)", "Tier 2-3 helped (%)"],
                            rows: groups.map { .init(group: $0, count: 120, values: [80, 8, 12, 0, 50]) },
                            total: .init(group: "All", count: 480, values: [80, 8, 12, 0, 50]))
        for kind in ReportsState.Kind.allCases {
            if kind == .time {
                _ = reduce(&state, .timeReportLoaded(token: state.reports!.requestToken, report: TimeReportScreenTests.report(weeks: 6)))
            } else {
                _ = reduce(&state, .reportLoaded(token: state.reports!.requestToken, report: report))
            }
            let needles = kind == .time ? ["Social-emotional/personal"] : ["Bartholomew", "Featherstonehaugh", "Cholmondeley", "Alaska Native"]
            assertWhole(render(state), showing: needles, "report \(kind.title)")
            _ = reduce(&state, .command(.reports(.nextReport)))
        }
    }

    func testHelpOnEveryScreenKeepsItsFrameAndCutsNoLine() {
        let screens: [(String, AppState)] = [("caseload", Self.caseload()), ("profile", Self.profile())]
        for (name, screen) in screens {
            var state = screen
            _ = reduce(&state, .command(.global(.help)))
            let buffer = render(state)
            assertWhole(buffer, showing: [], "help over the \(name)")
            XCTAssertFalse(HelpOverlayTests.insideTheHelp(buffer).contains("…"), "help over the \(name) cuts no line:\n\(buffer.text)")
        }
    }

    func testLockAndRefusedChanges() {
        var state = Self.profile()
        _ = reduce(&state, .command(.lock(.lockNow)))
        _ = reduce(&state, .passphraseProbed(counselorId: 1, isSet: true))
        let locked = render(state)
        assertWhole(locked, showing: ["Featherstonehaugh"], bars: false, "lock")
        XCTAssertFalse(locked.text.contains(Self.nameStart), "no student on the locked screen")

        state = Self.caseload()
        _ = reduce(&state, .syncStatusLoaded(SyncStatus(hubUrl: "postgres://c_b@hub.example:5432/district", counselor: Self.counselorName,
                                                        lastSyncAt: ProfileTests.now.addingTimeInterval(-120), refused: 1)))
        _ = reduce(&state, .command(.sync(.openRefused)))
        let student = "\(Self.student(0).listName) (S100001)"
        _ = reduce(&state, .refusedChangesLoaded(token: state.refused!.requestToken, rows: [
            RefusedChangeSummary(id: 4, what: "Follow-up", student: student,
                                 reason: "It was changed at the hub (by a colleague, or on another computer) since you last synced.",
                                 canKeepMine: true, mine: ["text: Call \(Self.counselorName)"], theirs: ["text: Call home"],
                                 refusedAt: ProfileTests.now,
                                 fields: [RefusedField(name: "text", theirs: "Call home", mine: "Call \(Self.counselorName)")]),
        ]))
        assertWhole(render(state), showing: [Self.nameStart, "S100001"], "refused changes")
    }
}
