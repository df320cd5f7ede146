import TerminalKit
import WaypointCore

/// The one place state changes. Pure: it never touches the database or the terminal,
/// it returns the effects it wants performed.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    let effects = reduceAction(&state, action)
    // Whatever the action, rows that came on screen without their summaries ask for them.
    return effects + state.requestCaseloadSummaries()
}

private func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .resized(let size):
        state.size = size
        state.clampSelections()
        return []
    case .started(let counselors, let isEmpty):
        return state.start(counselors: counselors, isEmpty: isEmpty)
    case .caseloadLoaded(let token, let rows, let summariesOnDemand, let generation):
        guard token == state.caseload.requestToken else { return [] }
        state.caseload.loadedRows = rows
        state.caseload.summariesOnDemand = summariesOnDemand
        state.caseload.receiveSummaries([:], generation: generation)
        state.caseload.isLoaded = true
        state.refreshCaseloadView(keepSelection: state.caseload.keepSelectionOnLoad)
        state.caseload.keepSelectionOnLoad = false
        return []
    case .studentsSummarized(let summaries, let generation):
        state.caseload.receiveSummaries(summaries, generation: generation)
        state.caseload.summariesRequested = false
        state.progress = nil
        if state.caseload.awaitingSummaries { state.viewSummarized() }
        return []
    case .profileLoaded(let token, let data):
        state.receiveProfile(token: token, data: data)
        return []
    case .planLoaded(let token, let data):
        state.receivePlan(token: token, data: data)
        return []
    case .reportLoaded(let token, let report):
        if state.reports?.requestToken == token { state.reports?.report = report }
        return []
    case .tasksLoaded(let token, let rows):
        state.receiveTasks(token: token, rows: rows)
        return []
    case .progressed(let progress):
        state.progress = progress
        return []
    case .rosterImported(let summary):
        state.isBusy = false
        state.progress = nil
        state.status = StatusMessage(summary)
        return [.loadStartup]
    case .exported(let path):
        state.status = StatusMessage("Plan written to \(path)")
        return []
    case .tick(let now):
        state.now = now
        return state.writesForTick(state.draftEffects()) + state.idleLockEffects()
    case .databaseBusy(let effect):
        return state.databaseBusy(effect)
    case .activity(let time):
        state.lastActivity = time
        return []
    case .passphraseProbed(let counselorId, let isSet):
        return state.passphraseProbed(counselorId: counselorId, isSet: isSet)
    case .passphraseChecked(let counselorId, let result):
        return state.passphraseChecked(counselorId: counselorId, result: result)
    case .databaseChanged:
        return state.reloadShownData()
    case .changedElsewhere(let conflict):
        return state.receiveConflict(conflict)
    case .editorDraftLoaded(let studentId, let sessionId, let draft, let knownTopics):
        state.receiveEditorDraft(studentId: studentId, sessionId: sessionId, draft: draft, knownTopics: knownTopics)
        return []
    case .sessionSaved(_, let amended):
        return state.sessionSaved(amended: amended)
    case .draftsFound(let drafts):
        if !drafts.isEmpty, state.overlay == nil, state.editor == nil { state.overlay = .resumeDraft(drafts) }
        return []
    case .demoLoaded(let students, let counselors):
        state.isBusy = false
        state.screens = [.caseload]
        state.status = StatusMessage("Demo district loaded: \(students.formatted) students, \(counselors.count) counselors.")
        return state.start(counselors: counselors, isEmpty: false)
    case .failed(let message):
        state.isBusy = false
        state.caseload.summariesRequested = false
        state.progress = nil
        state.status = StatusMessage(message, isError: true)
        return []
    case .unavailable(let reason):
        state.status = StatusMessage(reason, isError: true)
        return []
    case .terminate:
        state.shouldQuit = true
        // One last try of whatever still waits for the database, the draft last.
        return state.waitingWrites + state.draftEffects(force: true)
    case .edit(let key):
        if state.lock != nil {
            state.editLock(key)
            return []
        }
        state.status = nil
        if state.overlay == .views {
            state.chooseCaseloadView(key)
            return []
        }
        if case .importRoster(var input)? = state.overlay {
            input.handle(key)
            state.overlay = .importRoster(input)
            return []
        }
        switch state.screen {
        case .editor where state.editor != nil: return state.editEditor(key)
        case .plan:
            state.editPlanForm(key)
            return []
        default: return state.editSearch(key)
        }
    case .command(let command):
        state.status = nil
        return state.perform(command)
    }
}

extension AppState {
    mutating func start(counselors: [Counselor], isEmpty: Bool) -> [Effect] {
        self.counselors = counselors
        if isEmpty {
            screens = [.welcome]
            return []
        }
        if screens.contains(.welcome) { screens = [.caseload] }
        if let counselorId, !counselors.contains(where: { $0.id == counselorId }) {
            status = StatusMessage("No counselor with ID \(counselorId) in this database; choose one.", isError: true)
            self.counselorId = nil
            overlay = .counselorPicker(TableState())
        } else if counselorId == nil, counselors.count == 1 {
            counselorId = counselors[0].id
        } else if counselorId == nil, counselors.count > 1 {
            overlay = .counselorPicker(TableState())
        }
        if let userId, counselors.contains(where: { $0.id == userId }) {
            // Remembered from an earlier run: a new start is asked for the passphrase like an
            // unlock, or quitting at the lock screen and starting again would get around it.
            let confirm = userConfirmed ? [] : claimIdentity(userId)
            return [reloadCaseload(), .loadDrafts(counselorId: userId)] + confirm
        }
        // Nobody known at this keyboard: no student is shown until someone is chosen, and
        // whoever is chosen confirms it is them.
        userId = nil
        guard let counselorId else { return [] }
        return [reloadCaseload()] + claimIdentity(counselorId)
    }

    mutating func reloadCaseload() -> Effect {
        caseload.requestToken += 1
        return .loadCaseload(counselorId: counselorId, query: caseload.query, token: caseload.requestToken)
    }

    mutating func editSearch(_ key: Key) -> [Effect] {
        let before = caseload.search.text
        caseload.search.handle(key)
        return caseload.search.text == before ? [] : [reloadCaseload()]
    }

    mutating func perform(_ command: Command) -> [Effect] {
        switch command {
        case .quit:
            shouldQuit = true
            // One last try of whatever still waits for the database, the draft last.
            return waitingWrites + draftEffects(force: true)
        case .suspend:
            return draftEffects(force: true) + [.suspendProcess]
        case .back:
            return goBack()
        case .help:
            helpReturn = overlay
            overlay = .help
        case .moveUp: moveSelection(by: -1)
        case .moveDown: moveSelection(by: 1)
        case .pageUp: moveSelection(by: -max(1, visibleRowsOfFocusedList - 1))
        case .pageDown: moveSelection(by: max(1, visibleRowsOfFocusedList - 1))
        case .moveTop: moveSelection(by: Int.min / 2)
        case .moveBottom: moveSelection(by: Int.max / 2)
        case .startSearch:
            caseload.isSearching = true
        case .keepSearch:
            caseload.isSearching = false
        case .clearSearch:
            caseload.isSearching = false
            guard !caseload.search.isEmpty else { return [] }
            caseload.search = TextInput()
            return [reloadCaseload()]
        case .switchCounselor:
            let current = counselorPickerRows.firstIndex { $0 == counselorId } ?? 0
            var picker = TableState()
            picker.select(current, rowCount: counselorPickerRows.count, visibleRows: counselorPickerVisibleRows)
            overlay = .counselorPicker(picker)
        case .chooseCounselor:
            guard case .counselorPicker(let picker)? = overlay else { return [] }
            overlay = nil
            let rows = counselorPickerRows
            guard rows.indices.contains(picker.selected) else { return [] }
            counselorId = rows[picker.selected]
            caseload.search = TextInput()
            caseload.isSearching = false
            // The first choice says who is at the keyboard; later ones only browse.
            guard userId == nil, let chosen = counselorId else { return [reloadCaseload()] }
            return [reloadCaseload()] + claimIdentity(chosen)
        case .openStudent:
            return openSelectedStudent()
        case .cycleSort:
            cycleCaseloadSort()
        case .toggleNotSeen:
            toggleNotSeenFilter()
        case .showViews:
            overlay = .views
        case .openTasks:
            return openTasks()
        case .openReports:
            reports = ReportsState()
            screens.append(.reports)
            return [reloadReport()]
        case .nextReport:
            let kinds = ReportsState.Kind.allCases
            if let kind = reports?.kind { reports?.kind = kinds[(kind.rawValue + 1) % kinds.count] }
            return [reloadReport()]
        case .nextGrouping:
            let all = ReportGrouping.allCases
            if let current = reports?.grouping, let index = all.firstIndex(of: current) {
                reports?.grouping = all[(index + 1) % all.count]
            }
            return [reloadReport()]
        case .taskDone:
            return completeSelectedTask()
        case .openTaskStudent:
            return openTaskStudent()
        case .switchPanel:
            switchProfilePanel()
        case .followUpDone:
            return closeSelectedFollowUp(as: .done)
        case .followUpDrop:
            return closeSelectedFollowUp(as: .dropped)
        case .newSession:
            return openEditor(amending: false)
        case .viewSession:
            guard let view = profile?.selectedSession, let id = view.session.id else { return [] }
            overlay = .session(id: id, scroll: 0)
            // Only its author sees a confidential note; reading it is recorded.
            if view.session.isConfidential, !view.isRedacted {
                return [.recordView(.viewedConfidentialNote, studentId: view.session.studentId, subject: "session \(id)",
                                    counselorId: userId)]
            }
        case .amendSession:
            if case .session? = overlay { overlay = nil }
            return openEditor(amending: true)
        case .archiveSession:
            guard let id = profile?.selectedSession?.session.id else { return [] }
            overlay = .confirmArchive(sessionId: id)
        case .confirmArchive:
            guard case .confirmArchive(let id)? = overlay, let counselorId = userId else { return [] }
            overlay = nil
            status = StatusMessage("Session archived: it left the list but stays in the record (`waypoint session list --archived`).")
            return [.archiveSession(sessionId: id, counselorId: counselorId), reloadProfile()]
        case .saveSession:
            return saveEditor()
        case .nextField:
            screen == .plan ? movePlanFormFocus(by: 1) : moveEditorFocus(by: 1)
        case .previousField:
            screen == .plan ? movePlanFormFocus(by: -1) : moveEditorFocus(by: -1)
        case .openPlan:
            return openPlan()
        case .nextSection:
            switchPlanSection(by: 1)
        case .previousSection:
            switchPlanSection(by: -1)
        case .previousYear:
            switchPlanYear(by: -1)
        case .nextYear:
            switchPlanYear(by: 1)
        case .addPlanItem:
            openPlanForm(edit: false)
        case .editPlanItem:
            openPlanForm(edit: true)
        case .changePathway:
            plan?.section = .pathway
            openPlanForm(edit: false)
        case .removePlanItem:
            askToRemovePlanItem()
        case .confirmRemoval:
            return confirmPlanRemoval()
        case .cancelRemoval:
            plan?.confirmRemoval = nil
        case .moveCourseLater:
            return moveSelectedCourse(by: 1)
        case .moveCourseEarlier:
            return moveSelectedCourse(by: -1)
        case .cyclePlanStatus:
            return cyclePlanStatus()
        case .waiveMilestone:
            return waiveMilestone()
        case .submitForm:
            return submitPlanForm()
        case .cancelForm:
            cancelPlanForm()
        case .saveMineOverTheirs:
            return resolveConflict(saveMine: true)
        case .keepTheirs:
            return resolveConflict(saveMine: false)
        case .exportPlan:
            return exportPlan()
        case .typeText:
            break
        case .cancelEditor:
            return cancelEditor()
        case .confirmDiscard:
            return closeEditor(discarding: true)
        case .keepEditing:
            overlay = nil
        case .resumeDraft:
            return resumeFirstDraft()
        case .discardDraft:
            return dropFirstDraft(discard: true)
        case .laterDraft:
            return dropFirstDraft(discard: false)
        case .startImport:
            overlay = .importRoster(TextInput())
        case .runImport:
            guard case .importRoster(let input)? = overlay else { return [] }
            let folder = input.text.trimmingCharacters(in: .whitespaces)
            guard !folder.isEmpty else {
                status = StatusMessage("Type the folder that holds manifest.csv.", isError: true)
                return []
            }
            overlay = nil
            isBusy = true
            progress = nil
            status = StatusMessage("Importing \(folder)…")
            return [.importRoster(directory: folder, counselorId: userId)]
        case .lockNow:
            return lockScreen(.manual)
        case .unlock:
            return unlock()
        case .nextLockCounselor:
            nextLockCounselor()
        case .loadDemo:
            guard !isBusy else { return [] }
            isBusy = true
            status = StatusMessage("Loading the demo district…")
            return [.loadDemoDistrict]
        }
        return []
    }

    private mutating func goBack() -> [Effect] {
        if overlay == .help, let previous = helpReturn {
            overlay = previous
            helpReturn = nil
            return []
        }
        if case .counselorPicker? = overlay, userId == nil {
            // Nobody sees students before saying who they are.
            status = StatusMessage("Choose who you are (Enter), or quit with Ctrl-C.", isError: true)
            return []
        }
        if overlay != nil {
            overlay = nil
            return []
        }
        if screen == .editor { return cancelEditor() }
        if screens.count > 1 {
            switch screens.removeLast() {
            case .profile:
                profile = nil
                // The profile may have changed what the list below shows (contact, plan, follow-ups).
                if screen == .tasks { return [reloadTasks()] }
                caseload.keepSelectionOnLoad = true
                return [reloadCaseload()]
            case .plan:
                plan = nil
                return profile == nil ? [] : [reloadProfile()]
            case .reports:
                reports = nil
            case .tasks:
                tasks = nil
                caseload.keepSelectionOnLoad = true
                return [reloadCaseload()]
            default: break
            }
        } else {
            shouldQuit = true
        }
        return []
    }

    private mutating func moveSelection(by delta: Int) {
        if case .session(let id, let scroll)? = overlay {
            overlay = .session(id: id, scroll: max(0, min(scroll + delta, 10_000)))
            return
        }
        if case .counselorPicker(var picker)? = overlay {
            picker.move(by: delta, rowCount: counselorPickerRows.count, visibleRows: counselorPickerVisibleRows)
            overlay = .counselorPicker(picker)
        } else if screen == .caseload {
            caseload.table.move(by: delta, rowCount: caseload.rows.count, visibleRows: caseloadVisibleRows)
        } else if screen == .profile {
            moveProfileSelection(by: delta)
        } else if screen == .plan {
            movePlanSelection(by: delta)
        } else if screen == .tasks {
            moveTaskSelection(by: delta)
        }
    }

    mutating func clampSelections() {
        caseload.table.clamp(rowCount: caseload.rows.count, visibleRows: caseloadVisibleRows)
        if case .counselorPicker(var picker)? = overlay {
            picker.clamp(rowCount: counselorPickerRows.count, visibleRows: counselorPickerVisibleRows)
            overlay = .counselorPicker(picker)
        }
    }

    private var visibleRowsOfFocusedList: Int {
        if case .session? = overlay { return max(1, size.height - 12) }
        if case .counselorPicker? = overlay { return counselorPickerVisibleRows }
        if screen == .profile, let focus = profile?.focus { return profileVisibleRows(focus) }
        if screen == .tasks { return tasksVisibleRows }
        return caseloadVisibleRows
    }

    /// The picker lists every counselor, then "everyone in the district" (nil).
    /// Until someone is at the keyboard, only counselors: "everyone" is for browsing later.
    var counselorPickerRows: [Int64?] { userId == nil ? counselors.map(\.id) : counselors.map(\.id) + [nil] }
}

extension Int {
    /// "1,200": counts a counselor reads at a glance.
    var formatted: String {
        let digits = String(abs(self))
        var result = ""
        for (index, digit) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (self < 0 ? "-" : "") + String(result.reversed())
    }
}

extension AppState {
    mutating func reloadReport() -> Effect {
        var current = reports ?? ReportsState()
        current.requestToken += 1
        current.report = nil
        reports = current
        return .loadReport(kind: current.kind, grouping: current.grouping, counselorId: counselorId, token: current.requestToken)
    }
}
