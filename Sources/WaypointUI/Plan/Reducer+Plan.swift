import Foundation
import TerminalKit
import WaypointCore

extension AppState {
    /// `section` .milestones (the profile's `m`): the plan opens there with the milestone to
    /// act on next selected.
    mutating func openPlan(section: PlanState.Section = .courses) -> [Effect] {
        guard let data = profile?.data, let studentId = data.student.id else { return [] }
        let year = Grade(rawValue: min(PlanYears.courseGrades.upperBound, max(PlanYears.courseGrades.lowerBound, data.student.grade.rawValue)))
            ?? data.student.grade
        plan = PlanState(studentId: studentId, year: year)
        plan?.section = section
        plan?.selectsNextMilestone = section == .milestones
        screens.append(.plan)
        return [reloadPlan()]
    }

    mutating func reloadPlan() -> Effect {
        guard var current = plan else { return .loadStartup }
        current.requestToken += 1
        plan = current
        return .loadPlan(studentId: current.studentId, token: current.requestToken)
    }

    mutating func receivePlan(token: Int, data: PlanData) {
        guard var current = plan, current.requestToken == token, data.student.id == current.studentId else { return }
        current.data = data
        if !data.courseYears.contains(current.year), let first = data.courseYears.first { current.year = first }
        current.courseIndex = min(current.courseIndex, max(0, current.coursesOfYear.count - 1))
        let milestones = PlanScreenRows.milestones(data, catalogs: catalogs, today: today)
        if current.selectsNextMilestone {
            current.selectsNextMilestone = false
            let next = MilestoneProgress.next(in: milestones, grade: data.student.grade)
            // Nothing due this year: the first one still open, else the top.
            let index = milestones.firstIndex { $0.milestone.id == next?.milestone.id }
                ?? milestones.firstIndex { $0.record.isOpen } ?? 0
            current.milestones.select(index, rowCount: milestones.count, visibleRows: planVisibleRows)
        }
        current.milestones.clamp(rowCount: milestones.count, visibleRows: 10)
        current.more.clamp(rowCount: PlanScreenRows.more(data.plan, catalogs: catalogs).count, visibleRows: 10)
        plan = current
    }

    var today: CivilDate { CivilDate.today(now: now, timeZone: timeZone) }

    /// Asks the store for `change`, compared with the plan as shown (or as the form found it).
    mutating func change(_ change: PlanChange, status message: String, loaded: StudentPlan? = nil) -> [Effect] {
        status = StatusMessage(message)
        return [.changePlan(change, userId: userId, loaded: loaded ?? plan?.data?.plan), reloadPlan()]
    }

    mutating func switchPlanSection(by delta: Int) {
        guard var current = plan else { return }
        let all = PlanState.Section.allCases
        current.section = all[(current.section.rawValue + delta + all.count) % all.count]
        plan = current
    }

    /// The number keys shown in the tab bar ("1 Courses", "2 Milestones"…).
    mutating func showPlanSection(_ section: PlanState.Section) {
        plan?.section = section
    }

    mutating func switchPlanYear(by delta: Int) {
        guard var current = plan, let years = current.data?.courseYears, let index = years.firstIndex(of: current.year) else { return }
        let next = min(max(0, index + delta), years.count - 1)
        current.year = years[next]
        current.courseIndex = min(current.courseIndex, max(0, current.coursesOfYear.count - 1))
        plan = current
    }

    mutating func movePlanSelection(by delta: Int) {
        guard var current = plan, let data = current.data else { return }
        switch current.section {
        case .courses:
            current.courseIndex = min(max(0, current.courseIndex + delta), max(0, current.coursesOfYear.count - 1))
        case .milestones:
            current.milestones.move(by: delta, rowCount: PlanScreenRows.milestones(data, catalogs: catalogs, today: today).count,
                                    visibleRows: planVisibleRows)
        case .more:
            current.more.move(by: delta, rowCount: PlanScreenRows.more(data.plan, catalogs: catalogs).count, visibleRows: planVisibleRows)
        case .pathway:
            break
        }
        plan = current
    }

    /// `>` and `<`: the selected course goes to the next or previous year, in one key.
    mutating func moveSelectedCourse(by delta: Int) -> [Effect] {
        guard let current = plan, current.section == .courses, let course = current.selectedCourse, let id = course.id,
              let years = current.data?.courseYears, let index = years.firstIndex(of: course.year) else { return [] }
        let target = index + delta
        guard years.indices.contains(target) else {
            status = StatusMessage("\(course.title) is already in the \(delta > 0 ? "last" : "first") year of the plan.", isError: true)
            return []
        }
        plan?.year = years[target]
        plan?.courseIndex = (current.data?.plan.courses(inYear: years[target]).count ?? 0)
        return change(.moveCourse(id: id, year: years[target]), status: "Moved \(course.title) to grade \(years[target]).")
    }

    /// i: the district's mark and credits replace the counselor's entry of the selected
    /// course, which an import found to disagree.
    mutating func takeImportedMark() -> [Effect] {
        guard let current = plan, let course = current.selectedCourse, let id = course.id,
              let link = current.selectedConflict else { return [] }
        return change(.takeImportedMark(courseId: id), status: "\(course.title): took the imported \(link.importedText).")
    }

    /// Space: the next status of the selected course or milestone.
    mutating func cyclePlanStatus() -> [Effect] {
        guard let current = plan, let data = current.data else { return [] }
        switch current.section {
        case .courses:
            guard var course = current.selectedCourse else { return [] }
            let all = CourseStatus.allCases
            course.status = all[(all.firstIndex(of: course.status)! + 1) % all.count]
            if course.status != .completed { course.gradeEarned = nil }
            return change(.updateCourse(course), status: "\(course.title): \(course.status.title).")
        case .milestones:
            let rows = PlanScreenRows.milestones(data, catalogs: catalogs, today: today)
            guard rows.indices.contains(current.milestones.selected) else { return [] }
            let milestone = rows[current.milestones.selected].milestone
            guard !MilestoneProgress.readsPathway(milestone, pathwayId: data.plan.pathwayId) else {
                status = StatusMessage("\(milestone.title) is done while the plan has a pathway (Pathway tab).")
                return []
            }
            if rows[current.milestones.selected].record.isOpen == false,
               let taken = MilestoneProgress.readsAssessments(milestone, taken: data.plan.assessmentsTaken),
               data.plan.milestones.first(where: { $0.milestoneId == milestone.id })?.isOpen ?? true {
                status = StatusMessage("\(milestone.title) is done: a \(catalogs.assessments.title(of: taken.testId)) result of "
                                       + "\(taken.date.iso) is on file (waypoint assessment list).")
                return []
            }
            var record = rows[current.milestones.selected].record
            record.status = record.status.next
            // Done is stamped with today, as the store does; kept on screen at once, so the
            // done date shows and a second Space before the reload moves it on again
            // instead of repeating the first step.
            record.completedDate = record.status == .done ? (record.completedDate ?? today) : nil
            let effects = change(.setMilestone(record), status: milestoneStatusText(rows[current.milestones.selected].milestone.title, record))
            showMilestone(record)
            return effects
        case .pathway:
            var goals = data.plan.goals
            let all = PostsecondaryGoal.allCases
            goals.postsecondary = all[(all.firstIndex(of: goals.postsecondary)! + 1) % all.count]
            return change(.setGoals(studentId: current.studentId, goals), status: "Postsecondary goal: \(goals.postsecondary.title).")
        case .more:
            return []
        }
    }

    mutating func waiveMilestone() -> [Effect] {
        guard let current = plan, current.section == .milestones, let data = current.data else { return [] }
        let rows = PlanScreenRows.milestones(data, catalogs: catalogs, today: today)
        guard rows.indices.contains(current.milestones.selected) else { return [] }
        var record = rows[current.milestones.selected].record
        record.status = record.status == .waived ? .notStarted : .waived
        record.completedDate = nil
        let effects = change(.setMilestone(record), status: milestoneStatusText(rows[current.milestones.selected].milestone.title, record))
        showMilestone(record)
        return effects
    }

    /// "FAFSA: done 2026-12-03.", "FAFSA: in progress.": what the footer says after a change.
    private func milestoneStatusText(_ title: String, _ record: MilestoneRecord) -> String {
        "\(title): \(record.status.title)" + (record.completedDate.map { " \($0.iso)" } ?? "") + "."
    }

    /// Puts a milestone's new state in the plan shown, before the store's answer reloads it.
    private mutating func showMilestone(_ record: MilestoneRecord) {
        guard var milestones = plan?.data?.plan.milestones else { return }
        if let index = milestones.firstIndex(where: { $0.milestoneId == record.milestoneId }) {
            milestones[index] = record
        } else {
            milestones.append(record)
        }
        plan?.data?.plan.milestones = milestones
    }

    /// `d`: asks before removing the selected course or entry.
    mutating func askToRemovePlanItem() {
        guard let current = plan, let data = current.data else { return }
        switch current.section {
        case .courses:
            guard let course = current.selectedCourse else { return }
            plan?.confirmRemoval = "Remove \(course.title) (grade \(course.year)) from the plan?"
        case .more:
            let rows = PlanScreenRows.more(data.plan, catalogs: catalogs)
            guard rows.indices.contains(current.more.selected) else { return }
            plan?.confirmRemoval = "Remove \(rows[current.more.selected].kindTitle): \(rows[current.more.selected].text)?"
        default:
            status = StatusMessage("Nothing to remove here; milestones are marked waived with w.", isError: true)
        }
    }

    mutating func confirmPlanRemoval() -> [Effect] {
        guard let current = plan, current.confirmRemoval != nil, let data = current.data else { return [] }
        plan?.confirmRemoval = nil
        switch current.section {
        case .courses:
            guard let course = current.selectedCourse, let id = course.id else { return [] }
            plan?.courseIndex = max(0, current.courseIndex - 1)
            return change(.removeCourse(id: id), status: "Removed \(course.title).")
        case .more:
            let rows = PlanScreenRows.more(data.plan, catalogs: catalogs)
            guard rows.indices.contains(current.more.selected) else { return [] }
            let row = rows[current.more.selected]
            return change(.removeEntry(row.kind, id: row.id), status: "Removed \(row.kindTitle.lowercased()).")
        default:
            return []
        }
    }

    // MARK: Forms

    mutating func openPlanForm(edit: Bool) {
        guard var current = plan, let data = current.data else { return }
        let (form, purpose): (FormState?, PlanState.FormPurpose?)
        switch (current.section, edit) {
        case (.courses, false):
            guard data.courseYears.contains(current.year) else {
                status = StatusMessage(PlanView.noCourseYears, isError: true)
                return
            }
            (form, purpose) = (PlanForms.course(catalogs: catalogs, year: current.year), .addCourse(current.year))
        case (.courses, true):
            guard let course = current.selectedCourse, let id = course.id else { return }
            (form, purpose) = (PlanForms.course(catalogs: catalogs, year: course.year, editing: course), .editCourse(id))
        case (.milestones, _):
            let rows = PlanScreenRows.milestones(data, catalogs: catalogs, today: today)
            guard rows.indices.contains(current.milestones.selected) else { return }
            let row = rows[current.milestones.selected]
            (form, purpose) = (PlanForms.milestone(row), .milestoneEvidence(row.record.milestoneId))
        case (.pathway, false):
            (form, purpose) = (PlanForms.pathway(catalogs: catalogs, current: data.plan.pathwayId), .pathway)
        case (.pathway, true):
            (form, purpose) = (PlanForms.careerInterests(data.plan.goals), .careerInterests)
        case (.more, _):
            (form, purpose) = (PlanForms.moreKind(), nil)
        }
        current.form = form
        current.formPurpose = purpose
        current.formLoaded = data.plan
        current.formHoldsRefusedSave = false
        plan = current
        refreshCourseHints()
    }

    mutating func editPlanForm(_ key: Key) {
        guard var current = plan, var form = current.form else { return }
        // → at the end of a course's title takes the catalog course it completes to.
        let completed = key == .right && current.courseFormYear != nil && PlanForms.complete(&form, catalogs: catalogs)
        if !completed { form.handle(key) }
        current.form = form
        plan = current
        refreshCourseHints()
    }

    mutating func movePlanFormFocus(by delta: Int) {
        plan?.form?.moveFocus(by: delta)
        refreshCourseHints()
    }

    /// The course form's completion and catalog note, after each edit or move.
    mutating func refreshCourseHints() {
        guard var current = plan, var form = current.form, let year = current.courseFormYear,
              let data = current.data else { return }
        PlanForms.refreshCourseHints(&form, catalogs: catalogs, year: year, plan: data.plan)
        current.form = form
        plan = current
    }

    mutating func cancelPlanForm() {
        plan?.form = nil
        plan?.formPurpose = nil
        plan?.formLoaded = nil
        plan?.formHoldsRefusedSave = false
    }

    mutating func submitPlanForm() -> [Effect] {
        guard var current = plan, let form = current.form, let data = current.data else { return [] }
        // The "More" section first asks which kind of entry to add, then shows its form.
        if current.formPurpose == nil {
            let (next, purpose) = PlanForms.moreForm(form["kind"], catalogs: catalogs, today: today)
            current.form = next
            current.formPurpose = purpose
            plan = current
            return []
        }
        guard let purpose = current.formPurpose else { return [] }
        let result = PlanForms.change(from: form, purpose: purpose, studentId: current.studentId, plan: data.plan,
                                      catalogs: catalogs, today: today)
        switch result {
        case .failure(let problem):
            current.form?.error = problem.message
            plan = current
            return []
        case .success(let (change, message)):
            let loaded = current.formLoaded
            current.submitted = PlanState.SubmittedForm(change: change, form: form, purpose: purpose)
            current.form = nil
            current.formPurpose = nil
            current.formLoaded = nil
            current.formHoldsRefusedSave = false
            // A new course is added last in its year: select it, ready for `>`.
            if case .addCourse(let course) = change {
                current.year = course.year
                current.courseIndex = data.plan.courses(inYear: course.year).count
            }
            plan = current
            return self.change(change, status: message, loaded: loaded)
        }
    }
}

extension AppState {
    /// `x`: ask which language the family reads, the home language selected when a
    /// language file speaks it.
    mutating func openExportChoice() {
        guard let data = plan?.data else { return }
        let languages = catalogs.planLanguages
        plan?.export = ExportChoice(languages: languages.languages.map(\.id),
                                    homeLanguage: languages.language(forHomeLanguages: data.homeLanguages)?.id)
    }

    mutating func moveExportChoice(by step: Int) {
        guard var choice = plan?.export else { return }
        choice.selected = min(max(choice.selected + step, 0), choice.languages.count - 1)
        plan?.export = choice
    }

    mutating func finishExport(print: Bool) -> [Effect] {
        guard let current = plan, let choice = current.export else { return [] }
        plan?.export = nil
        status = StatusMessage(print ? "Sending the plan to the printer…" : "Writing the plan…")
        return [print ? .printPlan(studentId: current.studentId, userId: userId, language: choice.language)
                      : .exportPlan(studentId: current.studentId, userId: userId, language: choice.language)]
    }
}
