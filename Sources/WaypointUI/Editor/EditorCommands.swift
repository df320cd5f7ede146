extension Command {
    public enum Editor: Hashable, Sendable {
        case saveSession, cancelEditor
        case confirmDiscard, keepEditing
        case resumeDraft, discardDraft, laterDraft
        /// The past notes: open (or take the keys, or close); Esc; Tab back to the form.
        case togglePastNotes, leavePastNotes, pastNotesBackToForm
        case pastNotesUp, pastNotesDown, pastNotesPageUp, pastNotesPageDown
        case pastNotesNextMatch, pastNotesPreviousMatch
    }
}

extension AppState {
    mutating func performEditor(_ command: Command.Editor) -> [Effect] {
        switch command {
        case .saveSession: return saveEditor()
        case .cancelEditor: return cancelEditor()
        case .confirmDiscard: return closeEditor(discarding: true)
        case .keepEditing: overlay = nil
        case .resumeDraft: return resumeFirstDraft()
        case .discardDraft: return dropFirstDraft(discard: true)
        case .laterDraft: return dropFirstDraft(discard: false)
        case .togglePastNotes: return togglePastNotes()
        case .leavePastNotes: leavePastNotes()
        case .pastNotesBackToForm: pastNotesBackToForm()
        case .pastNotesUp: scrollPastNotes(by: -1)
        case .pastNotesDown: scrollPastNotes(by: 1)
        case .pastNotesPageUp: scrollPastNotes(by: -pastNotesPage)
        case .pastNotesPageDown: scrollPastNotes(by: pastNotesPage)
        case .pastNotesNextMatch: moveToPastNotesMatch(by: 1)
        case .pastNotesPreviousMatch: moveToPastNotesMatch(by: -1)
        }
        return []
    }
}
