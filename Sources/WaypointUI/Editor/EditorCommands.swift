extension Command {
    public enum Editor: Hashable, Sendable {
        case saveSession, cancelEditor
        case confirmDiscard, keepEditing
        case resumeDraft, discardDraft, laterDraft
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
        }
        return []
    }
}
