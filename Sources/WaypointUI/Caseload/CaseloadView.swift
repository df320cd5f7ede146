import Foundation
import TerminalKit
import WaypointCore

/// The counselor's students as a table, with the search that narrows it.
enum CaseloadView {
    static let columns = [
        TableColumn("Name", width: .fill(5)),
        TableColumn("ID", width: .fixed(8)),
        TableColumn("Gr", width: .fixed(2), alignment: .trailing, onceWhenUniform: gradeOnce),
        TableColumn("School", width: .fill(3), onceWhenUniform: { $0 }),
        TableColumn("Pathway", width: .fill(2)),
        TableColumn("Plan", width: .fixed(8)),
        TableColumn("Next milestone", width: .fill(3)),
        TableColumn("Tier", width: .fixed(4)),
        TableColumn("Seen", width: .fixed(5), alignment: .trailing),
    ]

    /// A caseload of one grade (counselors are often assigned by grade) says so in its title.
    static let gradeOnce: @Sendable (String) -> String = { "grade \($0)" }

    /// Written where a later feature has recorded nothing yet.
    static let none = "—"

    /// Pathway, plan, next milestone and tier: filled as plans and early warning are recorded.
    static let optionalColumns: Set<Int> = [4, 5, 6, 7]
    /// Below this width, optional columns with nothing in them give their room to the names.
    static let roomyWidth = 120

    /// The columns to draw: every one when there is room or data, else without the empty ones.
    static func visibleColumns(_ caseload: CaseloadState, width: Int) -> [Int] {
        guard width < roomyWidth else { return Array(columns.indices) }
        let rows = caseload.rows
        // Summaries computed on demand: those known so far stand for the rest, which are
        // not read only to decide about columns.
        let summaries = caseload.summariesOnDemand
            ? Array(caseload.summaries.values) : rows.map { CaseloadSummary($0) }
        let filled: [Int: Bool] = [
            4: summaries.contains { $0.plan?.pathwayTitle != nil },
            5: summaries.contains { $0.plan != nil },
            6: summaries.contains { $0.plan?.nextMilestone != nil },
            7: summaries.contains { $0.tier != nil },
        ]
        return columns.indices.filter { !optionalColumns.contains($0) || filled[$0] == true }
    }

    static func render(_ state: AppState, into buffer: inout Buffer, chrome: ScreenLayout.Chrome) -> Position? {
        var owner = state.caseloadOwner.map { "Caseload of \($0.displayName)" }
            ?? (state.userId == nil && !state.counselors.isEmpty ? "Who is at the keyboard?" : "All students in the district")
        if let user = state.user, user.id != state.caseloadOwnerId { owner += " · you: \(user.displayName)" }
        if state.caseload.sort == .lastContact { owner += " · by last contact" }
        if state.caseload.sort == .nextMilestone { owner += " · by next milestone" }
        if state.caseload.sort == .tier { owner += " · by tier" }
        if let days = state.caseload.notSeenInDays { owner += " · not seen \(days)+ days" }
        if state.caseload.preset != .everyone { owner += " · \(state.caseload.preset.title)" }
        if state.caseload.group != nil { owner = "Group session: pick students · " + owner }
        let rows = state.caseload.rows
        // Columns holding one value for every row are said once, here, and give their room
        // to the columns that differ (`Table.sayingUniformColumnsOnce`).
        // Kept when a long counselor name needs the room (each shortened to a readable part).
        var table = state.caseload.preset == .needsAttention ? attentionTable(state) : caseloadTable(state)
        let said = table.sayingUniformColumnsOnce().map { " · " + DisplayWidth.truncate($0, to: 32) }.joined()
        let noun = state.caseload.query.isEmpty ? (rows.count == 1 ? "student" : "students") : (rows.count == 1 ? "match" : "matches")
        // Where the selection is in a long list: "17 of 320 students".
        let count = rows.count > 1
            ? "\((state.caseload.table.selected + 1).formatted) of \(rows.count.formatted) \(noun)"
            : "\(rows.count.formatted) \(noun)"
        TitleBar.render("Waypoint · \(owner)", keeping: said, right: state.caseload.isLoaded ? count : "",
                        into: &buffer, area: chrome.title)

        if state.userId == nil, state.caseload.loadedRows.isEmpty, !state.counselors.isEmpty {
            // Nobody has said who they are yet: no students, and no "Loading…" for them either.
            buffer.write("Students appear once you have said who you are.", at: Position(x: chrome.body.x + 1, y: chrome.body.y),
                         style: Theme.muted, clip: chrome.body)
            return nil
        }
        let layout = ScreenLayout.caseload(state.size, showsSearch: state.showsSearchRow, noteLines: state.caseloadNoteLines,
                                           group: state.caseload.group != nil)
        if let area = layout.group, let pick = state.caseload.group { GroupPickView.render(pick, into: &buffer, area: area) }
        if let note = layout.note {
            Paragraph.render(state.caseload.attentionNote, into: &buffer, area: note, style: Theme.heading)
        }
        var cursor: Position?
        if let searchArea = layout.search {
            if state.caseload.isSearching {
                cursor = TextField.render(state.caseload.search, prompt: "Search: ",
                                          placeholder: "name or ID", into: &buffer, area: searchArea)
            } else {
                let used = buffer.write("Filter: ", at: Position(x: searchArea.x, y: searchArea.y),
                                        style: Theme.heading, clip: searchArea)
                let rest = Rect(x: searchArea.x + used, y: searchArea.y, width: searchArea.width - used, height: 1)
                let hint = "  (/ edits, Esc clears)"
                let queryWidth = min(DisplayWidth.of(state.caseload.query), max(0, rest.width - DisplayWidth.of(hint)))
                let written = buffer.write(DisplayWidth.truncate(state.caseload.query, to: queryWidth),
                                           at: Position(x: rest.x, y: rest.y), clip: rest)
                buffer.write(hint, at: Position(x: rest.x + written, y: rest.y), style: Theme.muted, clip: rest)
            }
        }

        table.render(into: &buffer, area: layout.table, state: state.caseload.table)
        return renderWalkInForm(state, into: &buffer, chrome: chrome) ?? cursor
    }

    private static func caseloadTable(_ state: AppState) -> Table {
        let rows = state.caseload.rows
        let shown = visibleColumns(state.caseload, width: state.size.width)
        var table = Table(columns: shown.map { columns[$0] }, rowCount: rows.count) { row, column in
            let entry = rows[row], column = shown[column]
            // Only the plan and tier columns look the summary up (a dictionary, on demand).
            let summary = optionalColumns.contains(column) ? state.caseload.summary(of: entry) : nil
            let text = cellText(entry, summary: summary, column: column, now: state.now, timeZone: state.timeZone)
            guard column == 0, let pick = state.caseload.group else { return text }
            return GroupPickView.mark(pick.contains(entry.student.id)) + text
        }
        table.headerStyle = Theme.tableHeader
        table.selectedStyle = Theme.selected
        table.emptyMessage = emptyMessage(state)
        return table
    }

    /// The new walk-in form over whichever table is shown; its text cursor, if open.
    private static func renderWalkInForm(_ state: AppState, into buffer: inout Buffer, chrome: ScreenLayout.Chrome) -> Position? {
        guard let form = state.caseload.walkInForm else { return nil }
        return FormView.render(form, into: &buffer, over: chrome.body, footer: "Enter adds · Tab next field · ←/→ school · Esc cancels",
                               focusMarker: SessionEditorView.focusMarker(state))
    }

    /// The name as a row shows it: a walk-in (`WalkIn`) carries its mark, so it is never
    /// taken for a roster student.
    static func nameText(_ student: Student) -> String {
        student.isWalkIn ? "\(student.listName) \(WalkIn.rowMark)" : student.listName
    }

    /// Needs attention leads each row with why (`Attention`), then who; the reason column
    /// takes the room the plan columns would.
    static let attentionColumns = [
        TableColumn("Why", width: .fill(7)),
        TableColumn("Tier", width: .fixed(4)),
        TableColumn("Name", width: .fill(4)),
        TableColumn("ID", width: .fixed(8)),
        TableColumn("Gr", width: .fixed(2), alignment: .trailing, onceWhenUniform: gradeOnce),
        TableColumn("Seen", width: .fixed(5), alignment: .trailing),
    ]

    private static func attentionTable(_ state: AppState) -> Table {
        let rows = state.caseload.rows
        let today = state.today
        var table = Table(columns: attentionColumns, rowCount: rows.count) { row, column in
            let entry = rows[row]
            let attention = column < 2 ? CaseloadPreset.attention(entry, summary: state.caseload.summary(of: entry), today: today,
                                                                  timeZone: state.timeZone, nobodySeenYet: state.caseload.nobodySeenYet) : nil
            switch column {
            case 0: return attention?.text ?? ""
            case 1: return attention?.tierText ?? ""
            case 2: return (state.caseload.group.map { GroupPickView.mark($0.contains(entry.student.id)) } ?? "") + nameText(entry.student)
            case 3: return entry.student.localId
            case 4: return entry.student.grade.description
            default: return cellText(entry, summary: nil, column: 8, now: state.now, timeZone: state.timeZone)
            }
        }
        table.headerStyle = Theme.tableHeader
        table.selectedStyle = Theme.selected
        table.emptyMessage = emptyMessage(state)
        return table
    }

    /// `summary` nil: not computed yet, so the plan and tier columns are blank (a dash
    /// would say "nothing recorded", which is not known).
    static func cellText(_ entry: CaseloadEntry, summary: CaseloadSummary?, column: Int, now: Date, timeZone: TimeZone) -> String {
        if optionalColumns.contains(column), summary == nil { return "" }
        let plan = summary?.plan
        switch column {
        case 0: return nameText(entry.student)
        case 1: return entry.student.localId
        case 2: return entry.student.grade.description
        case 3: return entry.schoolName
        case 4: return plan?.pathwayTitle ?? none
        // Below grade 9 there is no graduation check: neither "on track" nor "short".
        case 5: return plan.flatMap { $0.judgesCredits ? ($0.isOnTrack ? "on track" : "short") : nil } ?? none
        case 6: return plan?.nextMilestone.map { $0.isOverdue ? "overdue: \($0.title)" : "\($0.due.month)/\($0.due.day) \($0.title)" } ?? none
        case 7: return summary?.tier.map { "T\($0)" } ?? none
        case 8: return entry.lastContact.map { DateText.daysAgo($0, now: now, in: timeZone) } ?? "never"
        default: return ""
        }
    }

    private static func emptyMessage(_ state: AppState) -> String {
        if !state.caseload.isLoaded { return "Loading…" }
        if state.caseload.awaitingSummaries {
            let progress = state.progress.map { ": \($0.done.formatted) of \($0.total.formatted)" } ?? ""
            return "Summarizing every student's plan and tier for this view\(progress)…"
        }
        // A view or the not-seen filter may be what hides the students the search found.
        if !state.caseload.query.isEmpty, !state.caseload.loadedRows.isEmpty {
            if state.caseload.preset != .everyone {
                return "No match for “\(state.caseload.query)” in this view (see the title); v1 shows everyone."
            }
            if state.caseload.notSeenInDays != nil {
                return "No match for “\(state.caseload.query)” among students not seen lately; f shows everyone."
            }
        }
        if !state.caseload.query.isEmpty, state.caseload.matchesElsewhere > 0 {
            let count = state.caseload.matchesElsewhere
            return "No student on this caseload matches “\(state.caseload.query)”; "
                + "\(count >= CaseloadState.elsewhereLimit ? "\(count)+" : "\(count)") in the district: c, Enter."
        }
        if !state.caseload.query.isEmpty { return "No student matches “\(state.caseload.query)”." }
        if state.caseload.preset == .needsAttention, !state.caseload.loadedRows.isEmpty {
            return state.caseload.attentionWaiting > 0
                ? "Nothing to act on this week. a lists the students not seen lately."
                : "Nobody needs attention now; v1 lists everyone."
        }
        if state.caseloadOwnerId != nil { return "No students are assigned to this caseload. Press c to choose another counselor." }
        return "No active students in this database."
    }
}
