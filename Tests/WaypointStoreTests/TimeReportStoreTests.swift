import Foundation
import WaypointCore
import XCTest
@testable import WaypointStore

/// Issue 15 item 11: a counselor's minutes by session kind and week.
final class TimeReportStoreTests: XCTestCase {
    private var fixture: StoreFixture!
    private var minh: Student!
    private var ana: Student!
    private var colleague: Counselor!
    private let chicago = TimeZone(identifier: "America/Chicago")!
    private let kinds = SessionKindCatalog(kinds: [
        .init(id: "academic", title: "Academic"), .init(id: "crisis", title: "Crisis"),
        .init(id: "phone-call", title: "Phone call", family: true),
    ])

    override func setUpWithError() throws {
        fixture = try StoreFixture()
        minh = try fixture.add("Minh Anh", "Nguyễn")
        ana = try fixture.add("Ana", "López")
        colleague = try fixture.database.insertCounselor(Counselor(givenName: "Sam", familyName: "Okafor"))
    }

    /// "2026-11-22 23:30" in Chicago.
    private func at(_ text: String) -> Date { LocalTime.parse(text, timeZone: chicago)! }

    @discardableResult
    private func record(_ student: Student, _ time: String, minutes: Int, kind: String, confidential: Bool = false,
                        note: String = "note", author: Int64? = nil) throws -> AdvisingSession {
        try fixture.database.recordSession(AdvisingSession(
            studentId: student.id!, authorId: author ?? fixture.counselor.id!, startedAt: at(time), durationMinutes: minutes,
            kind: kind, isConfidential: confidential, note: note))
    }

    private func report() throws -> TimeReport {
        try fixture.database.timeReport(counselorId: fixture.counselor.id!, weeks: 2,
                                        endingWith: CivilDate(year: 2026, month: 11, day: 25), kinds: kinds, timeZone: chicago)
    }

    func testMinutesAreSummedByKindAndByWeekStartingMonday() throws {
        try record(minh, "2026-11-16 00:30", minutes: 30, kind: "academic")
        // Sunday night in Chicago is Monday in UTC: it belongs to the week that ends that Sunday.
        try record(ana, "2026-11-22 23:30", minutes: 25, kind: "academic")
        try record(minh, "2026-11-23 08:00", minutes: 20, kind: "academic")
        try record(ana, "2026-11-25 13:00", minutes: 10, kind: "phone-call")
        let report = try report()
        XCTAssertEqual(report.weeks, [CivilDate(year: 2026, month: 11, day: 16), CivilDate(year: 2026, month: 11, day: 23)])
        XCTAssertEqual(report.rows.map(\.kind), ["academic", "phone-call"], "kinds with sessions, in catalog order")
        XCTAssertEqual(report.rows[0].minutes, [55, 20])
        XCTAssertEqual(report.rows[1].minutes, [0, 10])
        XCTAssertEqual(report.weekTotals, [55, 30])
        XCTAssertEqual(report.total, 85)
        XCTAssertEqual(report.sessionCount, 4)
        XCTAssertEqual(report.counselorName, "Dana Whitfield")
    }

    func testOnlyTheCounselorsOwnUnarchivedSessionsInTheWeeksCount() throws {
        try record(minh, "2026-11-17 09:00", minutes: 30, kind: "academic")
        try record(minh, "2026-11-17 10:00", minutes: 40, kind: "academic", author: colleague.id!)
        let archived = try record(minh, "2026-11-18 10:00", minutes: 50, kind: "academic")
        try fixture.database.archiveSession(id: archived.id!, by: fixture.counselor.id!)
        try record(minh, "2026-11-15 23:59", minutes: 60, kind: "academic") // the Sunday before the first week
        try record(minh, "2026-11-30 00:00", minutes: 70, kind: "academic") // the Monday after the last week
        let report = try report()
        XCTAssertEqual(report.rows.map(\.minutes), [[30, 0]])
        XCTAssertEqual(report.sessionCount, 1)
    }

    func testSessionsWithoutMinutesAreCountedAndNamed() throws {
        try record(minh, "2026-11-19 14:00", minutes: 0, kind: "phone-call")
        try record(ana, "2026-11-24 09:00", minutes: 15, kind: "phone-call")
        let report = try report()
        XCTAssertEqual(report.rows.first?.sessions, 2)
        XCTAssertEqual(report.rows.first?.withoutMinutes, 1)
        XCTAssertEqual(report.unmeasured.map(\.label), ["2026-11-19 Minh Anh Nguyễn (Phone call)"])
        XCTAssertEqual(report.unmeasuredSentence,
                       "1 session was recorded without minutes (counted above as 0): 2026-11-19 Minh Anh Nguyễn (Phone call)")
        XCTAssertEqual(report.table.rows.last, ["Total", "0", "15", "15", "2", "1"])
    }

    func testConfidentialSessionsCountTheirMinutesButShowNoText() throws {
        try record(minh, "2026-11-18 11:00", minutes: 45, kind: "crisis", confidential: true, note: "disclosed at home")
        try record(ana, "2026-11-18 12:00", minutes: 0, kind: "crisis", confidential: true, note: "second disclosure")
        let report = try report()
        XCTAssertEqual(report.rows.map(\.minutes), [[45, 0]])
        let everything = String(describing: report) + report.unmeasuredSentence + "\(report.table)"
        XCTAssertFalse(everything.contains("disclos"), everything)
        XCTAssertTrue(report.unmeasuredSentence.contains("Ana López (Crisis)"), "the session is named, not what was said")
    }

    func testAnUnknownCounselorIsRefused() {
        XCTAssertThrowsError(try fixture.database.timeReport(counselorId: 9_999, weeks: 1, endingWith: CivilDate(year: 2026, month: 11, day: 25),
                                                             kinds: kinds, timeZone: chicago))
    }
}
