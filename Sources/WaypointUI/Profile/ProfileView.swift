import TerminalKit
import WaypointCore

/// One student at a glance: who they are, what is open, what was said.
enum ProfileView {
    struct Areas {
        var identity: Rect
        var followUps: Rect
        var sessions: Rect
        /// The Colleges panel; empty when the student has no applications.
        var colleges = Rect(x: 0, y: 0, width: 0, height: 0)
    }

    /// Identity on top, then open follow-ups (only as tall as they need, up to a third of
    /// the body), then the session history filling the rest.
    /// `identityLines`: the lines the identity block has (6 at most before the Family lines;
    /// it grows for those, one or two).
    /// The Colleges panel, when the student has applications, sits under the follow-ups,
    /// as tall as it needs up to a quarter of the body (the sessions keep the rest).
    static func areas(_ size: Size, followUpCount: Int, identityLines: Int = 6, applicationCount: Int = 0) -> Areas {
        let body = ScreenLayout.chrome(size).body
        let followUpHeight = min(max(4, followUpCount + 3), max(4, body.height / 3))
        guard applicationCount > 0 else {
            let parts = Layout.split(body, .vertical, [.fixed(max(6, identityLines)), .fixed(followUpHeight), .fill(1)])
            return Areas(identity: parts[0].inset(horizontal: 1, vertical: 0), followUps: parts[1], sessions: parts[2])
        }
        let collegeHeight = min(applicationCount + 3, max(4, body.height / 4))
        let parts = Layout.split(body, .vertical, [.fixed(max(6, identityLines)), .fixed(followUpHeight), .fixed(collegeHeight),
                                                   .fill(1)])
        return Areas(identity: parts[0].inset(horizontal: 1, vertical: 0), followUps: parts[1], sessions: parts[3],
                     colleges: parts[2])
    }

    /// Returns the text cursor when the contact form is open.
    static func render(_ state: AppState, into buffer: inout Buffer, chrome: ScreenLayout.Chrome) -> Position? {
        guard let profile = state.profile, let data = profile.data else {
            TitleBar.render("Waypoint · Student", into: &buffer, area: chrome.title)
            buffer.write("Loading…", at: Position(x: chrome.body.x + 1, y: chrome.body.y), style: Theme.muted)
            return nil
        }
        let student = data.student
        TitleBar.render("Waypoint · \(student.displayName)", keeping: " · \(student.localId)",
                        right: "Grade \(student.grade) · \(data.schoolName)", into: &buffer, area: chrome.title)
        let areas = self.areas(state.size, followUpCount: data.followUps.count,
                               identityLines: identityLines(data, state: state).count, applicationCount: data.applications.count)
        renderIdentity(state, data, into: &buffer, area: areas.identity)
        renderFollowUps(state, profile, data, into: &buffer, area: areas.followUps)
        if !data.applications.isEmpty { renderColleges(state, profile, data, into: &buffer, area: areas.colleges) }
        renderSessions(state, profile, data, into: &buffer, area: areas.sessions)
        if let application = profile.collegeRemoval {
            let inner = Modal.render(title: "Remove college application?", size: Size(width: min(60, chrome.body.width - 2), height: 6),
                                     into: &buffer, over: chrome.body)
            Paragraph.render("Take \(application.institution) off the list? The audit trail keeps what it was. y removes, n keeps it.",
                             into: &buffer, area: inner)
            return nil
        }
        if let form = profile.collegeForm {
            return FormView.render(form, into: &buffer, over: chrome.body, footer: "Enter saves · Tab next field · Esc cancels",
                                   focusMarker: SessionEditorView.focusMarker(state))
        }
        if let form = profile.interventionForm {
            return FormView.render(form, into: &buffer, over: chrome.body,
                                   footer: profile.interventionPurpose == .choose(then: .note)
                                       || profile.interventionPurpose == .choose(then: .close)
                                       ? "Enter opens · ←/→ chooses · Esc cancels" : "Enter saves · Tab next field · Esc cancels",
                                   focusMarker: SessionEditorView.focusMarker(state))
        }
        if let form = profile.testForm {
            return FormView.render(form, into: &buffer, over: chrome.body, footer: "Enter saves · Tab next field · ←/→ test · Esc cancels",
                                   focusMarker: SessionEditorView.focusMarker(state))
        }
        guard let form = profile.contactForm else { return nil }
        return FormView.render(form, into: &buffer, over: chrome.body,
                               footer: profile.contactFormPurpose == .choose ? "Enter opens · ←/→ chooses · Esc cancels"
                                   : "Enter saves · Tab next field · Esc cancels",
                               focusMarker: SessionEditorView.focusMarker(state))
    }

    /// A line of the identity block: its text and style, and the values of a sparkline
    /// drawn after the text (an intervention's measures), if it has one.
    struct IdentityLine {
        var text: String
        var style: Style
        var sparkline: [Double] = []
    }

    /// The identity block's lines, and which of them show as a warning.
    static func identityLines(_ data: ProfileData, state: AppState) -> [IdentityLine] {
        let student = data.student
        let legal = [student.givenName, student.middleName ?? "", student.familyName].filter { !$0.isEmpty }.joined(separator: " ")
        var lines: [String] = []
        lines.append(student.preferredName.map { "\($0) \(student.familyName)  (legal name: \(legal))" } ?? legal)
        let counselors = data.counselorNames.isEmpty ? "no counselor assigned" : data.counselorNames.joined(separator: ", ")
        let lastContact = data.sessions.first.map { "last contact \(DateText.ago($0.session.startedAt, now: state.now, in: state.timeZone))" }
            ?? "no contact recorded"
        lines.append("Counselor: \(counselors) · \(lastContact)")
        if student.isWalkIn { lines[0] += " · \(WalkIn.mark): added by hand" }
        var styled = lines.map { IdentityLine(text: $0, style: Theme.heading) }
        styled[1].style = .plain
        styled.append(IdentityLine(text: planLine(data.plan, today: DateText.day(state.now, in: state.timeZone)),
                                   style: data.plan?.isOnTrack == false ? Theme.error : .plain))
        styled.append(IdentityLine(text: ABCSummaryText.line(data, ascii: state.asciiOnly), style: .plain))
        if let assessment = data.assessment, assessment.tier != nil {
            styled.append(IdentityLine(text: assessment.line, style: (assessment.tier ?? 1) > 1 ? Theme.error : .plain))
        }
        if let tests = testsLine(data, catalog: state.catalogs.assessments) { styled.append(IdentityLine(text: tests, style: .plain)) }
        styled += interventionLines(data, state: state)
        if let checkIns = checkInLine(data, state: state) { styled.append(IdentityLine(text: checkIns, style: .plain)) }
        if !data.contacts.isEmpty {
            // Who to call comes first: name and phone of each, then email and language.
            styled += familyLines(data.contacts, width: state.size.width - 2).map { IdentityLine(text: $0, style: .plain) }
        }
        return styled
    }

    /// "Tests: SAT 1250 best of 2 · ACT 27 · AP Bio 4": each test taken, its best total (and
    /// the latest when it differs), in catalog order; nil when none is on file.
    static func testsLine(_ data: ProfileData, catalog: AssessmentCatalog) -> String? {
        let summary = AssessmentSummary(data.testResults, catalog: catalog)
        return summary.isEmpty ? nil : "Tests: " + summary.text(catalog)
    }

    /// The most a sparkline takes: about three months of weekly measures.
    static let sparklineWidth = 12

    /// Two lines for each intervention under way: what, tier, area, who delivers it and
    /// since when; then the dosage delivered against planned (`InterventionDosage`) and the
    /// latest measured value with the trend of all of them.
    static func interventionLines(_ data: ProfileData, state: AppState) -> [IdentityLine] {
        let active = data.interventions.filter(\.isActive)
        guard !active.isEmpty else { return [IdentityLine(text: "Interventions: none active", style: .plain)] }
        return active.flatMap { item -> [IdentityLine] in
            let what = [state.catalogs.interventionKinds.title(of: item.kind), item.tier.map { "tier \($0)" },
                        item.area?.title.lowercased(), item.ownerText(counselorName: data.interventionOwners[item.ownerId]),
                        "since \(item.startDate.iso)"].compactMap { $0 }
            var dosage = "  Dosage " + InterventionDosage(item, notes: data.interventionNotes).text
            let values = item.measuredValues(data.interventionNotes)
            if let measure = item.measure {
                dosage += " · \(measure) " + (values.last.map(CreditFormat.text) ?? "not measured yet")
            }
            return [IdentityLine(text: "Intervention: " + what.joined(separator: " · "), style: .plain),
                    IdentityLine(text: dosage, style: .plain, sparkline: values)]
        }
    }

    private static func renderIdentity(_ state: AppState, _ data: ProfileData, into buffer: inout Buffer, area: Rect) {
        for (index, line) in identityLines(data, state: state).enumerated() where index < area.height {
            let position = Position(x: area.x, y: area.y + index)
            let spark = min(line.sparkline.count, sparklineWidth)
            // The trend keeps its cells: the text before it is what gets cut.
            let textWidth = spark > 0 ? max(0, area.width - spark - 1) : area.width
            let written = buffer.write(DisplayWidth.truncate(line.text, to: textWidth), at: position, style: line.style, clip: area)
            if spark > 0 {
                Sparkline.render(line.sparkline, into: &buffer, at: Position(x: position.x + written + 1, y: position.y),
                                 width: spark, ascii: state.asciiOnly, style: Style(foreground: .cyan),
                                 latestStyle: Style(foreground: .cyan, attributes: .bold))
            }
        }
    }

    /// "Check-ins: every 2 weeks while tier 3 · next due 2026-12-17": a check-in plan (a
    /// reminder that repeats while the student's tier holds), and when the tier shown no
    /// longer holds, that the plan ends with the open one.
    static func checkInLine(_ data: ProfileData, state: AppState) -> String? {
        guard let plan = data.followUps.first(where: { $0.recurrence?.whileTier != nil }), let recurrence = plan.recurrence
        else { return nil }
        var line = "Check-ins: \(recurrence.words) · next due \(plan.dueDate?.iso ?? "no date")"
        if let tier = data.assessment?.tier, !recurrence.continues(tier: tier) {
            line += " · now tier \(tier): ends when this one is done"
        }
        return line
    }

    /// "Family: Rosa López (parent) · 555-0142 · rosa@example.org · Spanish; …", or, when that
    /// is too wide for the row, each contact's name and phone only, so at 80 columns every
    /// contact can still be called.
    /// Three or more contacts, or long names, take a second line rather than be cut.
    static func familyLines(_ contacts: [FamilyContact], width: Int) -> [String] {
        let full = "Family: " + contacts.map(\.summary).joined(separator: "; ")
        guard DisplayWidth.of(full) > width else { return [full] }
        var lines = ["Family:"]
        for contact in contacts {
            let short = ([contact.label] + [contact.phone].compactMap { $0 }).joined(separator: " ")
            let last = lines[lines.count - 1]
            let joined = last + (last.hasSuffix(":") ? " " : "; ") + short
            if DisplayWidth.of(joined) <= width || lines.count == 2 || last.hasSuffix(":") {
                lines[lines.count - 1] = joined
            } else {
                lines[lines.count - 1] += ";"
                lines.append("        " + short)
            }
        }
        return lines
    }

    /// "Plan: Health Science · on track · next: FAFSA by 2026-12-31 (p opens the plan)".
    /// Below grade 9 the plan has no credit status to show.
    static func planLine(_ plan: PlanSummary?, today: CivilDate) -> String {
        guard let plan else { return "Plan: none yet (p starts one)" }
        var parts = ["Plan: " + (plan.pathwayTitle ?? "no pathway")]
        if plan.judgesCredits { parts.append(plan.isOnTrack ? "on track" : (plan.shortfall ?? "not on track")) }
        if let next = plan.nextMilestone {
            parts.append("next: \(next.title) " + (next.isOverdue ? "overdue since \(next.due.iso)" : "by \(next.due.iso)"))
        }
        return parts.joined(separator: " · ")
    }

    private static func panelTitle(_ title: String, focused: Bool) -> (String, Style) {
        (title, focused ? Theme.heading.with(.reverse) : Theme.heading)
    }

    private static func renderFollowUps(_ state: AppState, _ profile: ProfileState, _ data: ProfileData,
                                        into buffer: inout Buffer, area: Rect) {
        let (title, style) = panelTitle("Open follow-ups (\(data.followUps.count))", focused: profile.focus == .followUps)
        let inner = Block.render(title: title, into: &buffer, area: area, titleStyle: style)
        let today = DateText.day(state.now, in: state.timeZone)
        var table = Table(columns: [
            TableColumn("Due", width: .fixed(10)),
            TableColumn("When", width: .fixed(16)),
            TableColumn("Follow-up", width: .fill(1)),
        ], rowCount: data.followUps.count) { row, column in
            let item = data.followUps[row]
            switch column {
            case 0: return item.dueDate?.iso ?? "no date"
            case 1: return item.dueDate.map { DateText.due($0, today: today) } ?? ""
            default: return item.recurrence.map { "\(item.text) · repeats \($0.words)" } ?? item.text
            }
        }
        table.rowStyle = { row in data.followUps[row].isOverdue(today: today) ? Theme.error : .plain }
        table.selectedStyle = profile.focus == .followUps ? Theme.selected : .plain
        table.emptyMessage = "Nothing open. r adds a reminder; follow-ups added with a session appear here too."
        table.render(into: &buffer, area: inner.inset(horizontal: 1, vertical: 0), state: profile.followUpsTable)
    }

    /// "State University  EA  2026-11-01  Submitted  sent  req  $12,500": the college list,
    /// by deadline, an open application past its deadline in the error colour.
    private static func renderColleges(_ state: AppState, _ profile: ProfileState, _ data: ProfileData,
                                       into buffer: inout Buffer, area: Rect) {
        let (title, style) = panelTitle("Colleges (\(data.applications.count))", focused: profile.focus == .colleges)
        let inner = Block.render(title: title, into: &buffer, area: area, titleStyle: style)
        let today = DateText.day(state.now, in: state.timeZone)
        var table = Table(columns: [
            TableColumn("Institution", width: .fill(1)),
            TableColumn("Type", width: .fixed(4)),
            TableColumn("Deadline", width: .fixed(10)),
            TableColumn("Status", width: .fixed(11)),
            TableColumn("Transcr", width: .fixed(7)),
            TableColumn("Letter", width: .fixed(6)),
            TableColumn("Aid/yr", width: .fixed(8), alignment: .trailing),
        ], rowCount: data.applications.count) { row, column in
            let item = data.applications[row]
            switch column {
            case 0: return item.institution
            case 1: return item.type.short
            case 2: return item.deadline?.iso ?? "none"
            case 3: return item.status.title
            case 4: return item.transcript.short
            case 5: return item.recommendation.short
            default: return item.aidAward.map(CollegeApplication.dollars) ?? ""
            }
        }
        table.rowStyle = { row in data.applications[row].isOverdue(today: today) ? Theme.error : .plain }
        table.selectedStyle = profile.focus == .colleges ? Theme.selected : .plain
        table.render(into: &buffer, area: inner.inset(horizontal: 1, vertical: 0), state: profile.collegesTable)
    }

    private static func renderSessions(_ state: AppState, _ profile: ProfileState, _ data: ProfileData,
                                       into buffer: inout Buffer, area: Rect) {
        var table = Table(columns: [
            TableColumn("Date", width: .fixed(16)),
            TableColumn("Kind", width: .fill(1)),
            TableColumn("Min", width: .fixed(3), alignment: .trailing),
            TableColumn("By", width: .fill(1), onceWhenUniform: { "all by \($0)" }),
            TableColumn("Note", width: .fill(3)),
        ], rowCount: data.sessions.count) { row, column in
            let view = data.sessions[row]
            switch column {
            case 0: return DateText.minute(view.session.startedAt, in: state.timeZone)
            case 1: return state.sessionKinds.title(of: view.session.kind)
            case 2: return String(view.session.durationMinutes)
            case 3: return view.authorName
            default:
                // A group session shows as one in each student's history, with its size (the
                // names are in the session itself, Enter).
                let group = view.groupLine(names: false).map { "[\($0)] " } ?? ""
                if view.isRedacted { return group + "[confidential: visible to its author only]" }
                return group + (view.session.isConfidential ? "[confidential] " : "") + view.session.firstLine
            }
        }
        // Sessions all by one counselor say so once, in the panel's title; the notes get the room.
        let said = table.sayingUniformColumnsOnce().map { " · \($0)" }.joined()
        let (title, style) = panelTitle("Sessions (\(data.sessions.count))\(said)", focused: profile.focus == .sessions)
        let inner = Block.render(title: title, into: &buffer, area: area, titleStyle: style)
        table.selectedStyle = profile.focus == .sessions ? Theme.selected : .plain
        table.emptyMessage = "No sessions yet. Press n to record one."
        table.render(into: &buffer, area: inner.inset(horizontal: 1, vertical: 0), state: profile.sessionsTable)
    }
}

extension AppState {
    func profileVisibleRows(_ focus: ProfileState.Focus) -> Int {
        let areas = ProfileView.areas(size, followUpCount: profile?.data?.followUps.count ?? 0,
                                      identityLines: profile?.data.map { ProfileView.identityLines($0, state: self).count } ?? 6,
                                      applicationCount: profile?.data?.applications.count ?? 0)
        let area = switch focus {
        case .sessions: areas.sessions
        case .followUps: areas.followUps
        case .colleges: areas.colleges
        }
        return Table.visibleRows(in: area.inset(by: 1))
    }
}
