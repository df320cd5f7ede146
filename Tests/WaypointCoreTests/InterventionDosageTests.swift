import WaypointCore
import XCTest

/// Dosage delivered against planned: one rule (`InterventionDosage`) for the profile, the
/// command line and any report.
final class InterventionDosageTests: XCTestCase {
    private let start = CivilDate(iso: "2026-11-02")!

    private func tutoring(perWeek: Int = 2, minutes: Int = 30, weeks: Int? = 8, end: CivilDate? = nil) -> Intervention {
        Intervention(id: 1, studentId: 1, kind: "tutoring", ownerId: 1, goal: "Pass Algebra I", startDate: start, endDate: end,
                     sessionsPerWeek: perWeek, minutesPerSession: minutes, plannedWeeks: weeks, measure: "quiz score %")
    }

    private func note(_ day: Int, sessions: Int?, value: Double? = nil, intervention: Int64 = 1) -> InterventionNote {
        InterventionNote(id: Int64(day), interventionId: intervention, date: start.adding(days: day), text: "week",
                         authorId: 1, sessionsDelivered: sessions, measuredValue: value)
    }

    func testDeliveredIsTheSumOfTheNotesSessionsAgainstWeeksTimesSessionsAWeek() {
        let notes = [note(7, sessions: 2), note(14, sessions: 1), note(21, sessions: nil), note(28, sessions: 2),
                     note(35, sessions: 4), note(7, sessions: 9, intervention: 2)]
        let dosage = InterventionDosage(tutoring(), notes: notes)
        XCTAssertEqual(dosage.deliveredSessions, 9, "a note without a count adds nothing; another intervention's notes are not its own")
        XCTAssertEqual(dosage.plannedSessions, 16)
        XCTAssertEqual(dosage.deliveredMinutes, 270)
        XCTAssertEqual(dosage.plannedMinutes, 480)
        XCTAssertEqual(dosage.text, "9 of 16 sessions, 270 of 480 min")
    }

    func testWithoutPlannedWeeksTheEndDateGivesThemAPartWeekCountingAsOne() {
        XCTAssertEqual(InterventionDosage.plannedWeeks(tutoring(weeks: nil, end: start.adding(days: 55))), 8, "56 days")
        XCTAssertEqual(InterventionDosage.plannedWeeks(tutoring(weeks: nil, end: start.adding(days: 56))), 9, "57 days")
        XCTAssertEqual(InterventionDosage.plannedWeeks(tutoring(weeks: nil, end: start)), 1, "a single day is one week")
        XCTAssertEqual(InterventionDosage.plannedWeeks(tutoring(weeks: 4, end: start.adding(days: 90))), 4,
                       "weeks the counselor gave win over the end date")
    }

    func testAnOpenEndedInterventionSaysSoAndCountsWhatWasDelivered() {
        let dosage = InterventionDosage(tutoring(weeks: nil), notes: [note(7, sessions: 1)])
        XCTAssertNil(dosage.plannedSessions)
        XCTAssertNil(dosage.plannedMinutes)
        XCTAssertEqual(dosage.text, "1 session, 30 min (open-ended)")
        XCTAssertEqual(InterventionDosage(tutoring(perWeek: 1, weeks: 1), notes: []).text, "0 of 1 session, 0 of 30 min")
    }

    func testThePlannedDosageReadsAsACounselorSaysIt() {
        XCTAssertEqual(tutoring().dosageText, "2 × 30 min a week for 8 weeks")
        XCTAssertEqual(tutoring(weeks: 1).dosageText, "2 × 30 min a week for 1 week")
        XCTAssertEqual(tutoring(weeks: nil).dosageText, "2 × 30 min a week", "as before when no weeks were planned")
    }

    func testMeasuredValuesAreInDateOrderAndSkipNotesWithout() {
        let notes = [note(21, sessions: 2, value: 72), note(7, sessions: 2, value: 58), note(14, sessions: 2),
                     note(10, sessions: 2, value: 99, intervention: 2)]
        XCTAssertEqual(tutoring().measuredValues(notes), [58, 72])
    }

    func testTheOwnerIsTheStaffMemberNamedElseTheCounselor() {
        var item = tutoring()
        XCTAssertEqual(item.ownerText(counselorName: "Dana Whitfield"), "Dana Whitfield")
        item.ownerName = "Sam Ortiz (tutor)"
        XCTAssertEqual(item.ownerText(counselorName: "Dana Whitfield"), "Sam Ortiz (tutor)")
    }
}
