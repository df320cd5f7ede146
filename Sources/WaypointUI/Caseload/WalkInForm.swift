import TerminalKit
import WaypointCore

/// The caseload's "new walk-in student" form (`N`): a student who is not on the roster yet
/// (`WalkIn` holds the rules). They land on the caseload of the counselor at the keyboard,
/// marked "not from the roster", and their profile opens so a session can be recorded at once.
enum WalkInForm {
    static func fields(schools: [School], preferred schoolId: Int64?) -> FormState {
        FormState(title: "New walk-in student (not from the roster)", fields: [
            .text(WalkIn.Field.givenName.rawValue, WalkIn.Field.givenName.title),
            .text(WalkIn.Field.familyName.rawValue, WalkIn.Field.familyName.title),
            .text(WalkIn.Field.grade.rawValue, WalkIn.Field.grade.title, hint: "9, K or PK"),
            .choice(WalkIn.Field.school.rawValue, WalkIn.Field.school.title,
                    schools.compactMap { school in school.id.map { FormState.Choice(id: String($0), title: school.name) } },
                    selected: schoolId.map(String.init)),
            .text(WalkIn.Field.localId.rawValue, WalkIn.Field.localId.title, hint: "if known: the roster merges by it"),
            .text(WalkIn.Field.birthDate.rawValue, WalkIn.Field.birthDate.title, hint: "optional, YYYY-MM-DD"),
        ])
    }

    /// The checked student, or the first problem as a sentence.
    static func student(_ form: FormState) -> Result<NewWalkIn, WalkInProblem> {
        guard let schoolId = Int64(form[WalkIn.Field.school.rawValue]) else {
            return .failure(WalkInProblem(message: "School: expected a school; this database has none yet."))
        }
        var values: [WalkIn.Field: String] = [:]
        for field in WalkIn.Field.allCases { values[field] = form[field.rawValue] }
        return NewWalkIn.parse(values, schoolId: schoolId)
    }
}

extension AppState {
    /// `N`: asks for the schools; the form opens when they come (`walkInSchoolsLoaded`).
    mutating func openWalkInForm() -> [Effect] {
        [.loadWalkInSchools]
    }

    /// The form, on the school most of the shown caseload attends (a counselor's own school).
    mutating func showWalkInForm(schools: [School]) {
        let counts = caseload.loadedRows.reduce(into: [Int64: Int]()) { $0[$1.student.schoolId, default: 0] += 1 }
        let usual = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
        caseload.walkInForm = WalkInForm.fields(schools: schools, preferred: usual)
    }

    mutating func submitWalkInForm() -> [Effect] {
        guard let form = caseload.walkInForm, let userId else { return [] }
        switch WalkInForm.student(form) {
        case .failure(let problem):
            caseload.walkInForm?.error = problem.message
            return []
        case .success(let student):
            return [.addWalkIn(student, counselorId: userId)]
        }
    }

    /// Added: on the caseload of the counselor at the keyboard, and their profile opens.
    mutating func walkInAdded(_ student: Student) -> [Effect] {
        caseload.walkInForm = nil
        guard let studentId = student.id else { return [] }
        let whose = caseloadOwnerId == userId ? "your caseload" : "your own caseload (\(user?.displayName ?? "you"))"
        status = StatusMessage("Added \(student.displayName) (\(student.localId)) to \(whose), \(WalkIn.mark): "
            + "a roster import with that local ID merges them.")
        caseload.keepSelectionOnLoad = true
        return [reloadCaseload()] + openProfile(studentId: studentId)
    }

    /// Refused by the store (a local ID taken, a hub joined): said in the form, which stays.
    mutating func walkInRefused(_ message: String) {
        if caseload.walkInForm == nil {
            status = StatusMessage(message, isError: true)
        } else {
            caseload.walkInForm?.error = message
        }
    }
}
