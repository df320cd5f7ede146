import Foundation
import TerminalKit
import WaypointCore

/// The plan screen's dialogs, and how a filled-in dialog becomes a `PlanChange`. Every
/// problem names the field and what it accepts; nothing is changed until all is valid.
enum PlanForms {
    struct Problem: Error, Equatable {
        var message: String
    }

    typealias Choice = FormState.Choice

    static func course(catalogs: Catalogs, year: Grade, editing course: PlannedCourse? = nil) -> FormState {
        FormState(title: course == nil ? "Add a course to grade \(year)" : "Edit course", fields: [
            .text("title", "Title", course?.title ?? "", hint: "e.g. AP Biology"),
            .choice("subject", "Subject", catalogs.requirementSets.subjectAreas.map { Choice(id: $0.id, title: $0.title) },
                    selected: course?.subject),
            .text("credits", "Credits", course.map { CreditFormat.text($0.credits) } ?? "1", hint: "e.g. 1 or 0.5"),
            .choice("level", "Level", CourseLevel.allCases.map { Choice(id: $0.rawValue, title: $0.title) },
                    selected: course?.level.rawValue),
            .choice("status", "Status", CourseStatus.allCases.map { Choice(id: $0.rawValue, title: $0.title) },
                    selected: course?.status.rawValue),
            .text("grade", "Grade earned", course?.gradeEarned ?? "", hint: "A, B+, P… (completed courses)"),
            .text("term", "Term", course?.term ?? "", hint: "Fall, Spring, Year (optional)"),
        ])
    }

    // MARK: Completing a course from the catalog

    /// What the course form's title completes to: the best catalog course for what is
    /// typed, when the title has focus and the cursor is at its end.
    static func completion(_ form: FormState, catalogs: Catalogs) -> (course: CatalogCourse, others: Int)? {
        guard form.focusedKey == "title", let input = form.input("title"), input.cursor == input.characters.count else { return nil }
        let found = catalogs.courses.completions(of: input.text)
        guard let best = found.first, CourseMarks.matchKey(best.title) != CourseMarks.matchKey(input.text) else { return nil }
        return (best, found.count - 1)
    }

    /// Sets the course form's ghost text and note after an edit: what → completes to, the
    /// catalog course the title names (and a prerequisite not in an earlier year), or that
    /// the title is free text.
    static func refreshCourseHints(_ form: inout FormState, catalogs: Catalogs, year: Grade, plan: StudentPlan) {
        form.ghost = nil
        form.note = nil
        let typed = form["title"]
        guard !typed.isEmpty, !catalogs.courses.courses.isEmpty else { return }
        if let found = completion(form, catalogs: catalogs) {
            let (course, others) = (found.course, found.others)
            let typedText = form.input("title")?.text ?? typed
            if course.title.lowercased().hasPrefix(typedText.lowercased()) {
                form.ghost = String(course.title.dropFirst(typedText.count))
            }
            form.note = "→ \(course.code) \(course.title) · \(describe(course, catalogs: catalogs))"
                + (others > 0 ? " (+\(others) more: type on)" : "")
        } else if let course = catalogs.courses.course(named: typed) {
            form.note = catalogs.courses.prerequisiteWarning(of: course, year: year, in: plan.courses).map { "Warning: " + $0 }
                ?? "Catalog course \(course.code) · \(describe(course, catalogs: catalogs))"
        } else {
            form.note = "~ Not in the course catalog: saved as free text"
        }
    }

    /// "Math · 1 cr · AP"
    static func describe(_ course: CatalogCourse, catalogs: Catalogs) -> String {
        "\(catalogs.requirementSets.title(ofSubject: course.subject)) · \(CreditFormat.text(course.credits)) cr · \(course.level.title)"
    }

    /// → on the title: the completing course's title, subject, credits and level fill the
    /// form. False when there is nothing to complete (→ then moves the cursor as usual).
    static func complete(_ form: inout FormState, catalogs: Catalogs) -> Bool {
        guard let course = completion(form, catalogs: catalogs)?.course else { return false }
        fill(&form, with: course)
        return true
    }

    static func fill(_ form: inout FormState, with course: CatalogCourse) {
        form.setText("title", course.title)
        form.select("subject", course.subject)
        form.setText("credits", CreditFormat.text(course.credits))
        form.select("level", course.level.rawValue)
    }

    static func milestone(_ row: MilestoneProgress) -> FormState {
        FormState(title: row.milestone.title, fields: [
            .choice("status", "Status", MilestoneStatus.allCases.map { Choice(id: $0.rawValue, title: $0.title) },
                    selected: row.record.status.rawValue),
            .text("due", "Due", row.record.dueDate?.iso ?? "", hint: "YYYY-MM-DD, +2w, fri (blank: none)"),
            .text("evidence", "Evidence", row.record.evidence ?? "", hint: "e.g. Submitted 11/20, confirmation #123"),
        ])
    }

    static func pathway(catalogs: Catalogs, current: String?) -> FormState {
        FormState(title: "Change pathway", fields: [
            .choice("pathway", "Pathway", catalogs.pathways.pathways.map { Choice(id: $0.id, title: $0.title) }, selected: current),
            .text("reason", "Reason", "", hint: "why the change (kept in the history)"),
        ])
    }

    static func careerInterests(_ goals: PlanGoals) -> FormState {
        FormState(title: "Goals", fields: [
            .choice("goal", "After high school", PostsecondaryGoal.allCases.map { Choice(id: $0.rawValue, title: $0.title) },
                    selected: goals.postsecondary.rawValue),
            .text("interests", "Career interests", goals.careerInterests.joined(separator: ", "), hint: "comma-separated"),
        ])
    }

    static func moreKind() -> FormState {
        FormState(title: "Add to the plan", fields: [
            .choice("kind", "Kind", [
                Choice(id: PlanEntryKind.workBasedLearning.rawValue, title: "Work-based learning"),
                Choice(id: PlanEntryKind.collegeCredit.rawValue, title: "Early college credit"),
                Choice(id: PlanEntryKind.certification.rawValue, title: "Industry certification"),
                Choice(id: PlanEntryKind.evidence.rawValue, title: "Competency evidence"),
            ]),
        ])
    }

    static func moreForm(_ kind: String, catalogs: Catalogs, today: CivilDate) -> (FormState, PlanState.FormPurpose) {
        switch PlanEntryKind(rawValue: kind) ?? .workBasedLearning {
        case .workBasedLearning:
            return (FormState(title: "Work-based learning", fields: [
                .choice("kind", "Kind", WorkBasedLearningKind.allCases.map { Choice(id: $0.rawValue, title: $0.title) }),
                .text("organization", "Organization", hint: "e.g. Valley Medical Center"),
                .text("hours", "Hours", "1"),
                .text("start", "Start date", today.iso, hint: "YYYY-MM-DD (optional)"),
                .text("end", "End date", "", hint: "YYYY-MM-DD (optional)"),
            ]), .addWorkBasedLearning)
        case .collegeCredit:
            return (FormState(title: "Early college credit", fields: [
                .text("course", "Course", hint: "e.g. ENGL 101"),
                .text("institution", "Institution", hint: "e.g. Green River College"),
                .text("credits", "Credits", "5"),
            ]), .addCollegeCredit)
        case .certification:
            return (FormState(title: "Industry certification", fields: [
                .text("name", "Name", hint: "e.g. Certified Nursing Assistant"),
                .text("issuer", "Issuer", hint: "e.g. State Department of Health"),
                .choice("status", "Status", [Choice(id: "in-progress", title: "In progress"), Choice(id: "earned", title: "Earned")]),
                .text("date", "Date", "", hint: "YYYY-MM-DD (optional)"),
            ]), .addCertification)
        case .evidence:
            return (FormState(title: "Competency evidence", fields: [
                .choice("competency", "Competency", catalogs.competencies.competencies.map { Choice(id: $0.id, title: $0.title) }),
                .text("artifact", "Artifact", hint: "what shows it: a project, a reflection"),
                .text("date", "Date", today.iso),
            ]), .addEvidence)
        }
    }

    /// The change a submitted form asks for, and the message that confirms it.
    static func change(from form: FormState, purpose: PlanState.FormPurpose, studentId: Int64, plan: StudentPlan,
                       catalogs: Catalogs, today: CivilDate) -> Result<(PlanChange, String), Problem> {
        do {
            switch purpose {
            case .addCourse, .editCourse:
                var form = form
                // A code typed as the title ("MTH-1030") is that catalog course.
                if let course = catalogs.courses.course(code: form["title"]),
                   CourseMarks.matchKey(course.title) != CourseMarks.matchKey(form["title"]) {
                    fill(&form, with: course)
                }
                let title = try required(form, "title", "Title")
                let credits = try number(form, "credits", "Credits", rule: FieldRules.courseCredits)
                let status = CourseStatus(rawValue: form["status"]) ?? .planned
                let mark = form["grade"]
                guard mark.isEmpty || status == .completed else {
                    throw Problem(message: "Grade earned: only a completed course has one (set Status to completed)")
                }
                if !mark.isEmpty, let problem = PlannedCourse.markProblem(mark) {
                    throw Problem(message: "Grade earned: \(problem)")
                }
                let level = CourseLevel(rawValue: form["level"]) ?? .standard
                // A catalog course whose prerequisites are not in an earlier year: said, not refused.
                func warning(_ year: Grade) -> String {
                    catalogs.courses.course(named: title)
                        .flatMap { catalogs.courses.prerequisiteWarning(of: $0, year: year, in: plan.courses) }
                        .map { " Warning: \($0)." } ?? ""
                }
                if case .editCourse(let id) = purpose, var course = plan.courses.first(where: { $0.id == id }) {
                    // Said when the title changes to a catalog course, not at every edit of one.
                    let renamed = CourseMarks.matchKey(course.title) != CourseMarks.matchKey(title)
                    course.title = title
                    course.subject = form["subject"]
                    course.credits = credits
                    course.level = level
                    course.status = status
                    course.gradeEarned = mark.isEmpty ? nil : mark
                    course.term = form["term"].isEmpty ? nil : form["term"]
                    return .success((.updateCourse(course), "Saved \(title)." + (renamed ? warning(course.year) : "")))
                }
                guard case .addCourse(let year) = purpose else { throw Problem(message: "That course is no longer in the plan") }
                let course = PlannedCourse(studentId: studentId, year: year, title: title, subject: form["subject"],
                                           credits: credits, level: level, term: form["term"].isEmpty ? nil : form["term"],
                                           status: status, gradeEarned: mark.isEmpty ? nil : mark)
                return .success((.addCourse(course), "Added \(title) to grade \(year)." + warning(year)))
            case .milestoneEvidence(let milestoneId):
                let due = try optionalDate(form, "due", "Due", today: today)
                let status = MilestoneStatus(rawValue: form["status"]) ?? .notStarted
                // Editing the evidence of a milestone already done keeps the day it was done.
                let stored = plan.milestones.first { $0.milestoneId == milestoneId }
                let completed = status == .done && stored?.status == .done ? stored?.completedDate : nil
                let record = MilestoneRecord(studentId: studentId, milestoneId: milestoneId, status: status, dueDate: due,
                                             evidence: form["evidence"].isEmpty ? nil : form["evidence"], completedDate: completed)
                return .success((.setMilestone(record), "\(catalogs.milestones.title(of: milestoneId)): \(record.status.title)."))
            case .pathway:
                let reason = try required(form, "reason", "Reason")
                let pathway = form["pathway"]
                guard pathway != plan.pathwayId else { throw Problem(message: "Pathway: that is the current pathway") }
                return .success((.setPathway(studentId: studentId, pathwayId: pathway, reason: reason),
                                 "Pathway changed to \(catalogs.pathways.title(of: pathway)); the change is kept in the history."))
            case .careerInterests:
                var goals = plan.goals
                goals.postsecondary = PostsecondaryGoal(rawValue: form["goal"]) ?? .undecided
                goals.careerInterests = form["interests"].split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                return .success((.setGoals(studentId: studentId, goals), "Goals saved."))
            case .addWorkBasedLearning:
                let item = WorkBasedLearning(studentId: studentId,
                                             kind: WorkBasedLearningKind(rawValue: form["kind"]) ?? .speaker,
                                             organization: try required(form, "organization", "Organization"),
                                             hours: try number(form, "hours", "Hours", rule: FieldRules.workBasedLearningHours),
                                             startDate: try optionalDate(form, "start", "Start date", today: today),
                                             endDate: try optionalDate(form, "end", "End date", today: today))
                if let start = item.startDate, let end = item.endDate, end < start {
                    throw Problem(message: "End date: before the start date")
                }
                return .success((.addWorkBasedLearning(item), "Added \(item.kind.title.lowercased()) at \(item.organization)."))
            case .addCollegeCredit:
                let item = CollegeCredit(studentId: studentId, course: try required(form, "course", "Course"),
                                         institution: try required(form, "institution", "Institution"),
                                         credits: try number(form, "credits", "Credits", rule: FieldRules.collegeCredits))
                return .success((.addCollegeCredit(item), "Added college credit for \(item.course)."))
            case .addCertification:
                let item = Certification(studentId: studentId, name: try required(form, "name", "Name"),
                                         issuer: form["issuer"], status: CertificationStatus(rawValue: form["status"]) ?? .inProgress,
                                         date: try optionalDate(form, "date", "Date", today: today))
                return .success((.addCertification(item), "Added certification \(item.name)."))
            case .addEvidence:
                let item = CompetencyEvidence(studentId: studentId, competencyId: form["competency"],
                                              artifact: try required(form, "artifact", "Artifact"),
                                              date: try optionalDate(form, "date", "Date", today: today) ?? today)
                return .success((.addEvidence(item), "Added evidence of \(catalogs.competencies.title(of: item.competencyId).lowercased())."))
            }
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(Problem(message: String(describing: error)))
        }
    }

    private static func required(_ form: FormState, _ key: String, _ label: String) throws -> String {
        let value = form[key]
        guard !value.isEmpty else { throw Problem(message: "\(label): required") }
        return value
    }

    private static func number(_ form: FormState, _ key: String, _ label: String, rule: NumberRule) throws -> Double {
        switch rule.parse(form[key]) {
        case .success(let value): return value
        case .failure(let problem): throw Problem(message: "\(label): \(problem)")
        }
    }

    private static func optionalDate(_ form: FormState, _ key: String, _ label: String, today: CivilDate) throws -> CivilDate? {
        let text = form[key]
        guard !text.isEmpty else { return nil }
        do {
            return try DueDate.parse(text, today: today)
        } catch {
            throw Problem(message: "\(label): \(error.description)")
        }
    }
}
