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
    case .syncStatusLoaded(let status):
        return state.receiveSyncStatus(status)
    case .syncFinished(let status, let failure, let changedHere):
        return state.syncFinished(status, failure: failure, changedHere: changedHere)
    case .refusedChangesLoaded(let token, let rows):
        state.receiveRefused(token: token, rows: rows)
        return []
    case .refusedResolved(let sentence, let resolution):
        return state.refusedResolved(sentence, resolution: resolution)
    case .sealingKeyWaits(let counselorId, let passphrase):
        return state.sealingKeyWaits(counselorId: counselorId, passphrase: passphrase)
    case .sealingKeyOpened(let failure):
        return state.sealingKeyOpened(failure: failure)
    case .caseloadLoaded(let token, let rows, let summariesOnDemand, let generation):
        guard token == state.caseload.requestToken else { return [] }
        state.caseload.loadedRows = rows
        state.caseload.matchesElsewhere = 0
        state.caseload.summariesOnDemand = summariesOnDemand
        state.caseload.receiveSummaries([:], generation: generation)
        state.caseload.isLoaded = true
        state.refreshCaseloadView(keepSelection: state.caseload.keepSelectionOnLoad)
        state.caseload.keepSelectionOnLoad = false
        return []
    case .frameDrawn:
        return state.summarizeTheRestOfACaseload()
    case .caseloadMatchesElsewhere(let token, let count):
        if token == state.caseload.requestToken { state.caseload.matchesElsewhere = count }
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
    case .followUpRepeated(let outcome):
        state.receiveRecurrence(outcome)
        return []
    case .timeReportLoaded(let token, let report):
        state.receiveTimeReport(token: token, report: report)
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
    case .printed(let message):
        state.status = StatusMessage(message)
        return []
    case .tick(let now):
        state.now = now
        return state.writesForTick(state.draftEffects()) + state.idleLockEffects() + state.syncEffectsForTick()
    case .databaseBusy(let effect):
        return state.databaseBusy(effect)
    case .activity(let time):
        state.lastActivity = time
        return []
    case .passphraseProbed(let counselorId, let isSet, let mayChoose):
        return state.passphraseProbed(counselorId: counselorId, isSet: isSet, mayChoose: mayChoose)
    case .passphraseChecked(let counselorId, let result):
        return state.passphraseChecked(counselorId: counselorId, result: result)
    case .databaseChanged:
        return state.reloadShownData()
    case .changedElsewhere(let conflict):
        return state.receiveConflict(conflict)
    case .editorDraftLoaded(let studentId, let sessionId, let draft, let knownTopics):
        state.receiveEditorDraft(studentId: studentId, sessionId: sessionId, draft: draft, knownTopics: knownTopics)
        return []
    case .pastNotesLoaded(let studentId, let sessions):
        return state.receivePastNotes(studentId: studentId, sessions: sessions)
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
    case .walkInSchoolsLoaded(let schools):
        state.showWalkInForm(schools: schools)
        return []
    case .walkInAdded(let student):
        return state.walkInAdded(student)
    case .walkInRefused(let message):
        state.walkInRefused(message)
        return []
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
        if state.overlay == .savedViews {
            state.chooseCaseloadView(key)
            return []
        }
        if case .importRoster(var input)? = state.overlay {
            input.handle(key)
            state.overlay = .importRoster(input)
            return []
        }
        if state.reminder != nil {
            state.editReminderForm(key)
            return []
        }
        switch state.screen {
        case .editor where state.editor != nil: return state.editEditor(key)
        case .profile where state.profile?.contactForm != nil:
            state.editContactForm(key)
            return []
        case .profile where state.profile?.interventionForm != nil:
            state.profile?.interventionForm?.handle(key)
            return []
        case .profile where state.profile?.testForm != nil:
            state.profile?.testForm?.handle(key)
            return []
        case .profile where state.profile?.collegeForm != nil:
            state.profile?.collegeForm?.handle(key)
            return []
        case .caseload where state.caseload.walkInForm != nil:
            state.caseload.walkInForm?.handle(key)
            return []
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
        if let caseloadOwnerId, !counselors.contains(where: { $0.id == caseloadOwnerId }) {
            status = StatusMessage("No counselor with ID \(caseloadOwnerId) in this database; choose one.", isError: true)
            self.caseloadOwnerId = nil
            overlay = .counselorPicker(TableState())
        } else if caseloadOwnerId == nil, counselors.count == 1 {
            caseloadOwnerId = counselors[0].id
        } else if caseloadOwnerId == nil, counselors.count > 1 {
            overlay = .counselorPicker(TableState())
        }
        if let userId, counselors.contains(where: { $0.id == userId }) {
            // Remembered from an earlier run: a new start is asked for the passphrase like an
            // unlock, or quitting at the lock screen and starting again would get around it.
            let confirm = userConfirmed ? [] : claimIdentity(userId)
            return [reloadCaseload(), .loadDrafts(authorId: userId)] + confirm
        }
        // Nobody known at this keyboard: no student is shown until someone is chosen, and
        // whoever is chosen confirms it is them.
        userId = nil
        guard let caseloadOwnerId else { return [] }
        return [reloadCaseload()] + claimIdentity(caseloadOwnerId)
    }

    mutating func reloadCaseload() -> Effect {
        caseload.requestToken += 1
        return .loadCaseload(caseloadOwnerId: caseloadOwnerId, query: caseload.query, token: caseload.requestToken)
    }

    mutating func editSearch(_ key: Key) -> [Effect] {
        let before = caseload.search.text
        caseload.search.handle(key)
        return caseload.search.text == before ? [] : [reloadCaseload()]
    }

    /// Routes a command to the feature that owns it; each feature's folder says what its
    /// commands do (`performPlan` in Plan/PlanCommands.swift, and so on).
    mutating func perform(_ command: Command) -> [Effect] {
        switch command {
        case .global(let command): performGlobal(command)
        case .list(let command): performList(command)
        case .field(let command): performField(command)
        case .welcome(let command): performWelcome(command)
        case .caseload(let command): performCaseload(command)
        case .group(let command): performGroup(command)
        case .tasks(let command): performTasks(command)
        case .reports(let command): performReports(command)
        case .profile(let command): performProfile(command)
        case .editor(let command): performEditor(command)
        case .plan(let command): performPlan(command)
        case .lock(let command): performLock(command)
        case .reminders(let command): performReminders(command)
        case .sync(let command): performSync(command)
        case .conflict(let command): resolveConflict(saveMine: command == .saveMineOverTheirs)
        }
    }

    private mutating func performGlobal(_ command: Command.Global) -> [Effect] {
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
            helpPage = 0
            overlay = .help
        case .typeText:
            break
        }
        return []
    }

    private mutating func performList(_ command: Command.List) -> [Effect] {
        switch command {
        case .moveUp: moveSelection(by: -1)
        case .moveDown: moveSelection(by: 1)
        case .pageUp: moveSelection(by: -max(1, visibleRowsOfFocusedList - 1))
        case .pageDown: moveSelection(by: max(1, visibleRowsOfFocusedList - 1))
        case .moveTop: moveSelection(by: Int.min / 2)
        case .moveBottom: moveSelection(by: Int.max / 2)
        }
        return []
    }

    /// Tab and Shift-Tab in whichever form has the keyboard.
    private mutating func performField(_ command: Command.Field) -> [Effect] {
        let delta = command == .nextField ? 1 : -1
        switch screen {
        case .plan: movePlanFormFocus(by: delta)
        case .profile:
            profile?.contactForm?.moveFocus(by: delta)
            profile?.interventionForm?.moveFocus(by: delta)
            profile?.testForm?.moveFocus(by: delta)
            profile?.collegeForm?.moveFocus(by: delta)
        case .caseload: caseload.walkInForm?.moveFocus(by: delta)
        default: moveEditorFocus(by: delta)
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
        if isBusy, screen == .welcome {
            // q or Esc while the demo or an import runs stops it; it writes nothing then.
            status = StatusMessage("Stopping… nothing will be written.")
            return [.cancelJobs]
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
            case .refusedChanges:
                refused = nil
                // Taking theirs or keeping mine changed what the caseload shows.
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
        if overlay == .help {
            helpPage = max(0, min(helpPage + delta.signum(), HelpOverlay.pageCount(self) - 1))
            return
        }
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
        } else if screen == .refusedChanges {
            moveRefusedSelection(by: delta)
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
        if screen == .refusedChanges { return refusedVisibleRows }
        return caseloadVisibleRows
    }
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
