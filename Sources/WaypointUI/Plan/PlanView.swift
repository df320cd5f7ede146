import Foundation
import TerminalKit
import WaypointCore

/// The multi-year plan: courses by year (side by side when there is room, as tabs when
/// not) with the live requirement check, milestones by grade, pathway and goals, and the
/// work-based learning and credentials the student gathers.
enum PlanView {
    /// Years side by side from this width; tabs below it.
    static let sideBySideWidth = 120

    static func areas(_ size: Size) -> (tabs: Rect, content: Rect) {
        let body = ScreenLayout.chrome(size).body
        let parts = Layout.split(body, .vertical, [.fixed(1), .fill(1)])
        return (parts[0].inset(horizontal: 1, vertical: 0), parts[1])
    }

    static func render(_ state: AppState, into buffer: inout Buffer, chrome: ScreenLayout.Chrome) -> Position? {
        guard let planState = state.plan, let data = planState.data else {
            TitleBar.render("Waypoint · Plan", into: &buffer, area: chrome.title)
            buffer.write("Loading…", at: Position(x: chrome.body.x + 1, y: chrome.body.y), style: Theme.muted)
            return nil
        }
        let pathway = data.plan.pathwayId.map { state.catalogs.pathways.title(of: $0) } ?? "no pathway yet"
        TitleBar.render("Waypoint · Plan · \(data.student.displayName)",
                        keeping: " · \(data.student.localId) · Grade \(data.student.grade)", right: pathway, into: &buffer, area: chrome.title)
        let (tabs, content) = areas(state.size)
        var x = tabs.x
        for section in PlanState.Section.allCases {
            let label = " \(section.rawValue + 1) \(section.title) "
            x += buffer.write(label, at: Position(x: x, y: tabs.y),
                              style: section == planState.section ? Theme.selected : Theme.muted, clip: tabs)
            x += 1
        }
        switch planState.section {
        case .courses: renderCourses(state, planState, data, into: &buffer, area: content)
        case .milestones: renderMilestones(state, planState, data, into: &buffer, area: content)
        case .pathway: renderPathway(state, data, into: &buffer, area: content)
        case .more: renderMore(state, planState, data, into: &buffer, area: content)
        }
        if let message = planState.confirmRemoval {
            let inner = Modal.render(title: "Remove?", size: Size(width: 60, height: 6), into: &buffer, over: content)
            Paragraph.render(message + " y removes, n keeps it.", into: &buffer, area: inner.inset(horizontal: 1, vertical: 0))
            return nil
        }
        if let choice = planState.export {
            renderExportChoice(choice, state.catalogs.planLanguages, into: &buffer, over: content)
            return nil
        }
        if let form = planState.form {
            return FormView.render(form, into: &buffer, over: content,
                                   footer: planState.formHoldsRefusedSave
                                       ? "Changed elsewhere · Enter saves yours over theirs · Esc cancels"
                                       : "Enter saves · Tab next field · Esc cancels",
                                   focusMarker: SessionEditorView.focusMarker(state))
        }
        return nil
    }

    /// `x`: one row per language ("Español (Spanish) · home language"), then what Enter
    /// and `p` do. Sized to its rows, never taller than the screen's content.
    static func renderExportChoice(_ choice: ExportChoice, _ languages: PlanLanguageCatalog, into buffer: inout Buffer,
                                   over content: Rect) {
        let rows = choice.languages.map { id -> String in
            guard let language = languages.language(id) else { return id }
            let name = language.name == language.englishName ? language.name : "\(language.name) (\(language.englishName))"
            return name + (id == choice.homeLanguage ? " · home language" : "")
        }
        let hint = "Enter saves it as a file, p prints it, Esc cancels."
        let width = min(content.width, max(44, (rows.map { DisplayWidth.of($0) }.max() ?? 0) + 6))
        let height = min(content.height, rows.count + 5)
        let inner = Modal.render(title: "The family's plan in", size: Size(width: width, height: height), into: &buffer, over: content)
        let listHeight = max(1, inner.height - 3)
        let first = min(max(0, choice.selected - listHeight + 1), max(0, rows.count - listHeight))
        for (offset, row) in rows.dropFirst(first).prefix(listHeight).enumerated() {
            let index = first + offset
            let line = Rect(x: inner.x + 1, y: inner.y + offset, width: inner.width - 2, height: 1)
            let marker = index == choice.selected ? "> " : "  "
            buffer.write(marker + row, at: Position(x: line.x, y: line.y),
                         style: index == choice.selected ? Theme.selected : .plain, clip: line)
        }
        Paragraph.render(hint, into: &buffer, area: Rect(x: inner.x + 1, y: inner.y + inner.height - 2,
                                                          width: inner.width - 2, height: 2))
    }

    // MARK: Courses

    /// `subjectCount` -1: no graduation check (below grade 9), a one-line box.
    static func courseAreas(_ size: Size, subjectCount: Int) -> (courses: Rect, check: Rect) {
        let content = areas(size).content
        let checkHeight = subjectCount < 0 ? 3 : max(3, min(subjectCount + 4, content.height - 7))
        let parts = Layout.split(content, .vertical, [.fill(1), .fixed(checkHeight)])
        return (parts[0], parts[1])
    }

    /// What an elementary plan's Courses section says (and `a` there).
    static let noCourseYears = "Courses are planned from grade \(PlanYears.courseGrades.lowerBound); this plan holds milestones (2)."

    private static func renderCourses(_ state: AppState, _ planState: PlanState, _ data: PlanData,
                                      into buffer: inout Buffer, area: Rect) {
        guard !data.courseYears.isEmpty else {
            let inner = Block.render(title: "Courses", into: &buffer, area: area)
            Paragraph.render(noCourseYears, into: &buffer, area: inner.inset(horizontal: 1, vertical: 0), style: Theme.muted)
            return
        }
        let report = PlanScreenRows.report(data.plan, catalogs: state.catalogs)
        let judged = PlanYears.judgesCredits(data.student.grade)
        // Below grade 9 the check is one line saying why there is none.
        let (coursesArea, checkArea) = courseAreas(state.size, subjectCount: judged ? report.subjects.count : -1)
        if state.size.width >= sideBySideWidth {
            let columns = Layout.split(coursesArea, .horizontal, data.courseYears.map { _ in Constraint.fill(1) })
            for (year, column) in zip(data.courseYears, columns) {
                renderYear(state, planState, data, year: year, into: &buffer, area: column, compact: true)
            }
        } else {
            renderYear(state, planState, data, year: planState.year, into: &buffer, area: coursesArea, compact: false)
        }
        if judged {
            renderCheck(report, into: &buffer, area: checkArea)
        } else {
            // A middle-school student is never judged against high-school credits.
            let inner = Block.render(title: "Graduation check", into: &buffer, area: checkArea)
            buffer.write(DisplayWidth.truncate("Credits count from grade \(PlanYears.firstCreditGrade); none are checked in grade \(data.student.grade).",
                                               to: inner.width - 2),
                         at: Position(x: inner.x + 1, y: inner.y), style: Theme.muted, clip: inner)
        }
    }

    private static func renderYear(_ state: AppState, _ planState: PlanState, _ data: PlanData, year: Grade,
                                   into buffer: inout Buffer, area: Rect, compact: Bool) {
        let courses = data.plan.courses(inYear: year)
        let credits = courses.reduce(0) { $0 + $1.credits }
        let focused = year == planState.year
        let title: String
        if compact {
            title = "Grade \(year) · \(CreditFormat.text(credits)) cr"
        } else {
            let names = data.courseYears.map { $0 == year ? "[Grade \($0)]" : "Grade \($0)" }.joined(separator: "  ")
            title = "\(names) · ←/→ year"
        }
        let inner = Block.render(title: title, into: &buffer, area: area,
                                 titleStyle: focused ? Theme.heading.with(.reverse) : Theme.heading)
        let columns: [TableColumn] = compact
            ? [TableColumn("Course", width: .fill(1)), TableColumn("Cr", width: .fixed(3), alignment: .trailing),
               TableColumn("", width: .fixed(4))]
            : [TableColumn("Course", width: .fill(3)), TableColumn("Subject", width: .fill(2)),
               TableColumn("Cr", width: .fixed(4), alignment: .trailing), TableColumn("Level", width: .fixed(11)),
               TableColumn("Status", width: .fixed(11)), TableColumn("Mark", width: .fixed(4))]
        let freeText = courses.map { state.catalogs.courses.isFreeText($0) }
        var table = Table(columns: columns, rowCount: courses.count) { row, column in
            let course = courses[row]
            let title = course.title + (freeText[row] ? " " + freeTextMarker : "")
            if compact {
                switch column {
                case 0: return title
                case 1: return CreditFormat.text(course.credits)
                default: return statusMark(course, marker: importMarker(course, data.plan))
                }
            }
            switch column {
            case 0: return title
            case 1: return state.catalogs.requirementSets.title(ofSubject: course.subject)
            case 2: return CreditFormat.text(course.credits)
            case 3: return course.level.title
            case 4: return course.status.title
            default: return (course.gradeEarned ?? "") + importMarker(course, data.plan)
            }
        }
        table.rowStyle = { row in courses[row].isFailed ? Theme.error : .plain }
        table.selectedStyle = focused && planState.section == .courses ? Theme.selected : .plain
        table.emptyMessage = focused ? "No courses. a adds one." : "No courses."
        var selection = TableState()
        selection.select(focused ? planState.courseIndex : -1, rowCount: courses.count, visibleRows: Table.visibleRows(in: inner))
        if !focused { selection = TableState(selected: Int.max / 2) }
        var tableArea = inner.inset(horizontal: 1, vertical: 0)
        // The selected course's import, under the list: where it came from, or both values
        // of a conflict and the key that takes the district's.
        if focused, planState.section == .courses, tableArea.height > 2, let course = planState.selectedCourse,
           let link = data.plan.markLink(of: course) {
            tableArea.height -= 1
            let line = link.isConflict
                ? "! Plan: \(course.gradeEarned ?? course.status.title), \(CreditFormat.text(course.credits)) cr · "
                    + "\(link.source.title) \(link.term): \(link.importedText) · i takes it"
                : "* From the \(link.source.title), \(link.term)" + (link.addedCourse ? "" : " (your entry, completed by it)")
            buffer.write(DisplayWidth.truncate(line, to: tableArea.width), at: Position(x: tableArea.x, y: tableArea.maxY),
                         style: link.isConflict ? Theme.error : Theme.muted, clip: inner)
        } else if focused, tableArea.height > 2, freeText.contains(true) {
            // The legend of the free-text marker, under the year that shows one.
            tableArea.height -= 1
            buffer.write(DisplayWidth.truncate(freeTextLegend, to: tableArea.width), at: Position(x: tableArea.x, y: tableArea.maxY),
                         style: Theme.muted, clip: inner)
        }
        table.render(into: &buffer, area: tableArea, state: selection)
    }

    /// After the title of a course typed as free text: no course of the catalog has its
    /// title or code (`CourseCatalog.isFreeText`).
    static let freeTextMarker = "~"
    static let freeTextLegend = "~ free text: not in the course catalog"

    /// "*" for a course from a district file, "!" for one whose imported mark differs.
    private static func importMarker(_ course: PlannedCourse, _ plan: StudentPlan) -> String {
        guard let link = plan.markLink(of: course) else { return "" }
        return link.isConflict ? "!" : "*"
    }

    /// "✓ B+", "now", "": a course's state in four columns; with an import's marker the
    /// space goes ("✓B+*", "✓A!").
    private static func statusMark(_ course: PlannedCourse, marker: String) -> String {
        let gap = marker.isEmpty ? " " : ""
        switch course.status {
        case .completed: return (course.isFailed ? "✗" : "✓") + gap + (course.gradeEarned ?? "") + marker
        case .inProgress: return "now" + marker
        case .planned: return marker
        }
    }

    private static func renderCheck(_ report: RequirementReport, into buffer: inout Buffer, area: Rect) {
        let status = report.isOnTrack ? "on track" : "not on track"
        let inner = Block.render(title: "Graduation check · \(report.setTitle) · \(status)", into: &buffer, area: area,
                                 titleStyle: report.isOnTrack ? Theme.heading : Theme.error)
        let short = report.subjects.map(\.status.isShort) + [report.electives.status.isShort, report.total.status.isShort]
        let lines = Array(zip(report.summaries, short))
        for (index, line) in lines.enumerated() where index < inner.height {
            buffer.write(DisplayWidth.truncate(line.0, to: inner.width - 2), at: Position(x: inner.x + 1, y: inner.y + index),
                         style: line.1 ? Theme.error : .plain, clip: inner)
        }
    }

    // MARK: Milestones

    private static func renderMilestones(_ state: AppState, _ planState: PlanState, _ data: PlanData,
                                         into buffer: inout Buffer, area: Rect) {
        let rows = PlanScreenRows.milestones(data, catalogs: state.catalogs, today: state.today)
        // Counted over the milestones the student has now; kept ones from an earlier goal are history.
        let current = rows.filter { $0.kept == nil }
        let done = current.filter { $0.record.status == .done || $0.record.status == .waived }.count
        let overdue = rows.filter(\.isOverdue).count
        let stage = GradeBand(data.student.grade).title
        let inner = Block.render(title: "Milestones · \(stage) · \(done) of \(current.count) done or waived" + (overdue > 0 ? " · \(overdue) overdue" : ""),
                                 into: &buffer, area: area, titleStyle: overdue > 0 ? Theme.error : Theme.heading)
        var table = Table(columns: [
            TableColumn("Gr", width: .fixed(2), alignment: .trailing),
            TableColumn("Milestone", width: .fill(3)),
            TableColumn("Status", width: .fixed(15)),
            TableColumn("Due", width: .fixed(10)),
            TableColumn("", width: .fill(2)),
        ], rowCount: rows.count) { row, column in
            let item = rows[row]
            switch column {
            case 0: return item.milestone.grade.description
            case 1: return item.milestone.title + (item.kept.map { " (\($0.text))" } ?? "")
            // Done: the day it was done, beside the status (the family's plan says it too).
            case 2: return item.record.status.title + (item.record.status == .done ? item.record.completedDate.map { " \($0.iso)" } ?? "" : "")
            case 3: return item.record.dueDate?.iso ?? ""
            default:
                if item.record.status == .done { return item.record.evidence ?? "" }
                guard item.record.isOpen, let due = item.record.dueDate else { return item.record.evidence ?? "" }
                return DateText.due(due, today: state.today)
            }
        }
        table.rowStyle = { row in
            rows[row].isOverdue ? Theme.error : (rows[row].record.isOpen && rows[row].kept == nil ? .plain : Theme.muted)
        }
        table.render(into: &buffer, area: inner.inset(horizontal: 1, vertical: 0), state: planState.milestones)
    }

    // MARK: Pathway and goals

    private static func renderPathway(_ state: AppState, _ data: PlanData, into buffer: inout Buffer, area: Rect) {
        let inner = Block.render(title: "Pathway & goals", into: &buffer, area: area)
        let plan = data.plan
        var lines: [(String, Style)] = []
        if let id = plan.pathwayId, let pathway = state.catalogs.pathways.pathway(id) {
            lines.append(("Pathway: \(pathway.title)", Theme.heading))
            if !pathway.programOfStudy.isEmpty {
                lines.append(("Program of study: " + pathway.programOfStudy.joined(separator: " → "), .plain))
            }
        } else {
            lines.append(("Pathway: none chosen yet (p chooses one)", Theme.heading))
        }
        lines.append(("After high school: \(plan.goals.postsecondary.title)", .plain))
        lines.append(("Career interests: " + (plan.goals.careerInterests.isEmpty ? "none recorded" : plan.goals.careerInterests.joined(separator: ", ")), .plain))
        lines.append(("Requirement set: \(PlanScreenRows.requirementSet(plan, catalogs: state.catalogs).title)", .plain))
        let active = data.interventions.filter(\.isActive)
        lines.append(("Interventions: " + (active.isEmpty ? "none under way"
            : active.map { "\(state.catalogs.interventionKinds.title(of: $0.kind)), \($0.dosageText): \($0.goal)" }.joined(separator: "; ")),
                      .plain))
        let tests = AssessmentSummary(data.testResults, catalog: state.catalogs.assessments)
        lines.append(("Tests: " + (tests.isEmpty ? "none recorded" : tests.text(state.catalogs.assessments)), .plain))
        lines.append(("", .plain))
        lines.append(("Pathway history", Theme.heading))
        if plan.pathwayHistory.isEmpty { lines.append(("  no changes recorded", Theme.muted)) }
        for change in plan.pathwayHistory.reversed() {
            let from = change.fromId.map { state.catalogs.pathways.title(of: $0) } ?? "none"
            lines.append(("  \(DateText.minute(change.date, in: state.timeZone).prefix(10))  \(from) → \(state.catalogs.pathways.title(of: change.toId)): \(change.reason)", .plain))
        }
        var y = inner.y
        for (text, style) in lines {
            guard y < inner.maxY else { break }
            let rect = Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: inner.maxY - y)
            y += max(1, Paragraph.render(text, into: &buffer, area: rect, style: style))
        }
    }

    // MARK: Work-based learning and credentials

    private static func renderMore(_ state: AppState, _ planState: PlanState, _ data: PlanData,
                                   into buffer: inout Buffer, area: Rect) {
        let rows = PlanScreenRows.more(data.plan, catalogs: state.catalogs)
        let hours = data.plan.workBasedLearning.reduce(0) { $0 + $1.hours }
        let inner = Block.render(title: "Work-based learning (\(CreditFormat.text(hours)) h), college credit, certifications, evidence",
                                 into: &buffer, area: area)
        var table = Table(columns: [
            TableColumn("Kind", width: .fill(2)),
            TableColumn("What", width: .fill(4)),
            TableColumn("Detail", width: .fill(2)),
        ], rowCount: rows.count) { row, column in
            [rows[row].kindTitle, rows[row].text, rows[row].detail][column]
        }
        table.emptyMessage = "Nothing yet. a adds work-based learning, college credit, a certification or evidence."
        table.render(into: &buffer, area: inner.inset(horizontal: 1, vertical: 0), state: planState.more)
    }
}

extension AppState {
    var planVisibleRows: Int {
        Table.visibleRows(in: PlanView.areas(size).content.inset(by: 1))
    }
}
