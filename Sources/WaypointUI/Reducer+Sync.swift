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
            effects.append(.loadReport(kind: current.kind, grouping: current.grouping, counselorId: counselorId,
                                       token: current.requestToken))
        }
        return effects
    }

    /// Shows both versions; the screen beneath reloads to show theirs. An editor stays open
    /// with the counselor's text (and its draft).
    mutating func receiveConflict(_ conflict: Conflict) -> [Effect] {
        isBusy = false
        overlay = .changedElsewhere(conflict)
        status = StatusMessage("Not saved: it was changed in another window meanwhile.", isError: true)
        return reloadShownData()
    }

    /// `o` applies mine over theirs (the counselor has seen both); Esc keeps theirs.
    mutating func resolveConflict(saveMine: Bool) -> [Effect] {
        guard case .changedElsewhere(let conflict)? = overlay else { return [] }
        overlay = nil
        guard saveMine, let retry = conflict.retry else {
            status = StatusMessage(editor == nil ? "Kept the version saved in the other window."
                                                 : "Kept theirs; your text is still here, unsaved (Ctrl-S saves it).")
            return []
        }
        if case .saveSession = retry { isBusy = true }
        status = StatusMessage("Saved yours over theirs.")
        return [retry] + reloadShownData()
    }
}
