import TerminalKit
import WaypointCore

/// The profile's test result form (`t`): a score a counselor types from a paper report. The
/// values are checked by `AssessmentEntry`, the rule `waypoint assessment add` uses; a bad
/// one is named under the fields and nothing is saved.
enum TestResultForm {
    static func form(_ catalog: AssessmentCatalog, today: CivilDate) -> FormState {
        FormState(title: "Add a test result", fields: [
            .choice("test", "Test", catalog.tests.map { FormState.Choice(id: $0.id, title: $0.title) }),
            .text("date", "Date taken", today.iso, hint: "YYYY-MM-DD"),
            .text("total", "Total", "", hint: "SAT total, ACT composite, AP score…"),
            .text("scores", "Sub-scores", "", hint: "e.g. erw=620 math=630"),
        ])
    }

    /// The sub-scores each test takes, for the form's error line.
    static func scoreIds(_ catalog: AssessmentCatalog, _ testId: String) -> String {
        let ids = catalog.test(testId)?.scores.map(\.id) ?? []
        return ids.isEmpty ? "none" : ids.joined(separator: ", ")
    }
}

extension AppState {
    mutating func openTestResultForm() {
        guard profile?.data != nil else { return }
        let form = TestResultForm.form(catalogs.assessments, today: today)
        profile?.testForm = form
    }

    mutating func submitTestResultForm() -> [Effect] {
        guard let form = profile?.testForm, let studentId = profile?.data?.student.id else { return [] }
        let scores = form["scores"].split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        switch AssessmentEntry.check(studentId: studentId, testId: form["test"], date: form["date"], total: form["total"],
                                     scores: scores, catalog: catalogs.assessments, today: today) {
        case .failure(let problem):
            let field = ["test": "Test", "date": "Date taken", "total": "Total", "scores": "Sub-scores"][problem.field]
                ?? "Sub-score \(problem.field)"
            var message = "\(field): expected \(problem.expected)."
            if problem.field != "test", problem.field != "date", problem.field != "total" {
                message += " This test's sub-scores: \(TestResultForm.scoreIds(catalogs.assessments, form["test"]))."
            }
            profile?.testForm?.error = message
            return []
        case .success(let result):
            profile?.testForm = nil
            status = StatusMessage("\(catalogs.assessments.title(of: result.testId)) \(result.scoreText(catalogs.assessments)) "
                                   + "on \(result.date.iso) recorded.")
            return [.recordAssessment(result, userId: userId), reloadProfile()]
        }
    }
}
