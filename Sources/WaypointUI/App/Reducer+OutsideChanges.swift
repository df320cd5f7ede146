import WaypointCore

/// A save the store refused because another window (or a `waypoint` command) changed the
/// record after this window loaded it: what is stored now, what this window meant to save,
/// and that same save compared with what is stored now, for when the counselor chooses theirs
/// over mine after seeing both.
public struct Conflict: Equatable, Sendable {
    public var record: String
    public var theirs: String
    public var yours: String
    /// The refused save, now compared with the stored version shown as theirs; nil when
    /// there is nothing to apply over it (a follow-up already closed elsewhere).
    public var retry: Effect?

    public init(record: String, theirs: String, yours: String, retry: Effect?) {
        self.record = record
        self.theirs = theirs
        self.yours = yours
        self.retry = retry
    }
}

extension AppState {
    /// Reloads what is on screen after another window or a command changed the database.
    /// An open editor, form or modal keeps what the counselor typed: only the data beneath
    /// it is reloaded (a form still compares its save with what it was opened on).
    mutating func reloadShownData() -> [Effect] {
        // A district loaded elsewhere replaces the welcome screen, unless a folder is being typed.
        if screen == .welcome { return isBusy || overlay != nil ? [] : [.loadStartup] }
        var effects: [Effect] = []
        if caseload.isLoaded {
            caseload.keepSelectionOnLoad = true
            effects.append(reloadCaseload())
        }
        if profile != nil { effects.append(reloadProfile()) }
        if plan != nil { effects.append(reloadPlan()) }
        if tasks != nil { effects.append(reloadTasks()) }
        if var current = reports {
            // The report on screen stays until the new one arrives.
            current.requestToken += 1
            reports = current
            effects.append(reportRequest(current))
        }
        return effects
    }

    /// Shows both versions; the screen beneath reloads to show theirs. An editor stays open
    /// with the counselor's text (and its draft); a plan form opens again with what was typed.
    mutating func receiveConflict(_ conflict: Conflict) -> [Effect] {
        isBusy = false
        reopenRefusedPlanForm(conflict)
        overlay = .changedElsewhere(conflict)
        status = StatusMessage("Not saved: it was changed in another window meanwhile.", isError: true)
        return reloadShownData()
    }

    /// The form whose save was refused opens again with the counselor's values, now compared
    /// with the plan as stored at the refusal (theirs), so saving it again is not refused
    /// for the same change.
    private mutating func reopenRefusedPlanForm(_ conflict: Conflict) {
        guard case .changePlan(let change, _, let stored)? = conflict.retry, var current = plan, current.form == nil,
              let submitted = current.submitted, submitted.change == change else { return }
        current.form = submitted.form
        current.formPurpose = submitted.purpose
        current.formLoaded = stored
        current.formHoldsRefusedSave = true
        current.submitted = nil
        plan = current
    }

    /// `o` applies mine over theirs (the counselor has seen both); Esc keeps theirs for now,
    /// leaving what was typed in the open editor or plan form (a plan form now saves over theirs).
    mutating func resolveConflict(saveMine: Bool) -> [Effect] {
        guard case .changedElsewhere(let conflict)? = overlay else { return [] }
        overlay = nil
        guard saveMine, let retry = conflict.retry else {
            keepTheirs()
            return []
        }
        if case .saveSession = retry { isBusy = true }
        if plan?.formHoldsRefusedSave == true { cancelPlanForm() }
        status = StatusMessage("Saved yours over theirs.")
        return [retry] + reloadShownData()
    }

    private mutating func keepTheirs() {
        if editor != nil {
            status = StatusMessage("Kept theirs; your text is still here, unsaved (Ctrl-S shows both again, and o there saves yours).")
        } else if plan?.formHoldsRefusedSave == true {
            status = StatusMessage("Kept theirs; your values stay in the form (Enter saves them over theirs).")
        } else {
            status = StatusMessage("Kept the version saved in the other window.")
        }
    }
}
