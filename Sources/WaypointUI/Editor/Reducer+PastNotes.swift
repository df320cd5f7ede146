import TerminalKit
import WaypointCore

extension AppState {
    /// Ctrl-P in the editor: opens the past notes with the keys (loading them the first
    /// time); on a side pane that shows without the keys, gives it the keys; otherwise
    /// closes it. Nothing here touches the form.
    mutating func togglePastNotes() -> [Effect] {
        guard var current = editor else { return [] }
        var effects: [Effect] = []
        if !current.pastNotes.isOpen {
            current.pastNotes.isOpen = true
            current.pastNotes.hasFocus = true
            if current.pastNotes.sessions == nil {
                effects.append(.loadPastNotes(studentId: current.studentId, viewerId: userId))
            }
        } else if !current.pastNotes.hasFocus {
            current.pastNotes.hasFocus = true
        } else {
            current.pastNotes.isOpen = false
            current.pastNotes.hasFocus = false
        }
        editor = current
        revealNoteCursor()
        return effects
    }

    /// Esc in the pane: clears the word being found first, then closes the pane.
    mutating func leavePastNotes() {
        guard var current = editor else { return }
        if !current.pastNotes.search.isEmpty {
            current.pastNotes.search = TextInput()
            current.pastNotes.match = 0
        } else {
            current.pastNotes.isOpen = false
            current.pastNotes.hasFocus = false
        }
        editor = current
        revealNoteCursor()
    }

    /// Tab in the pane: the keys go back to the form. A side pane stays in view; an overlay,
    /// which would hide the form, closes.
    mutating func pastNotesBackToForm() {
        guard var current = editor else { return }
        current.pastNotes.hasFocus = false
        if !PastNotesView.isSide(size) { current.pastNotes.isOpen = false }
        editor = current
        revealNoteCursor()
    }

    mutating func scrollPastNotes(by delta: Int) {
        guard var current = editor else { return }
        let area = PastNotesView.textArea(size)
        let lastTop = max(0, PastNotesView.lines(self, width: area.width).count - area.height)
        current.pastNotes.scroll = max(0, min(lastTop, current.pastNotes.scroll + delta))
        editor = current
    }

    /// A page of the pane, for PgUp/PgDn.
    var pastNotesPage: Int { max(1, PastNotesView.textArea(size).height - 1) }

    /// Enter (next) or Ctrl-R (previous): moves to another occurrence of the word, round.
    mutating func moveToPastNotesMatch(by delta: Int) {
        guard let current = editor else { return }
        let count = PastNotesView.matches(in: PastNotesView.lines(self, width: PastNotesView.textArea(size).width),
                                          query: current.pastNotes.search.text).count
        guard count > 0 else {
            status = StatusMessage(current.pastNotes.search.isEmpty ? "Type a word to find it in the past notes."
                : "No past note holds “\(current.pastNotes.search.text)”.", isError: !current.pastNotes.search.isEmpty)
            return
        }
        editor?.pastNotes.match = ((current.pastNotes.match + delta) % count + count) % count
        showCurrentMatch()
    }

    /// A key typed into the find line: the pane jumps to the first occurrence as the word grows.
    mutating func editPastNotesSearch(_ key: Key) {
        guard var current = editor else { return }
        current.pastNotes.search.handle(key)
        current.pastNotes.match = 0
        editor = current
        showCurrentMatch()
    }

    /// Scrolls so the current match is in view, a line below the top so its context shows.
    private mutating func showCurrentMatch() {
        guard let current = editor else { return }
        let area = PastNotesView.textArea(size)
        let lines = PastNotesView.lines(self, width: area.width)
        let matches = PastNotesView.matches(in: lines, query: current.pastNotes.search.text)
        guard matches.indices.contains(current.pastNotes.match) else { return }
        let line = matches[current.pastNotes.match].line
        let lastTop = max(0, lines.count - area.height)
        editor?.pastNotes.scroll = max(0, min(lastTop, line - 1))
    }

    mutating func receivePastNotes(studentId: Int64, sessions: [SessionView]) -> [Effect] {
        guard editor?.studentId == studentId else { return [] }
        editor?.pastNotes.sessions = sessions
        if editor?.pastNotes.search.isEmpty == false { showCurrentMatch() }
        // As on the profile, reading one's own confidential note is recorded; here the pane
        // shows them all at once, so each shown is recorded, once per editor.
        return sessions.filter { $0.session.isConfidential && !$0.isRedacted && $0.session.id != editor?.sessionId }
            .compactMap { view -> Effect? in
                guard let id = view.session.id else { return nil }
                return .recordView(.viewedConfidentialNote, studentId: studentId, subject: "session \(id)", userId: userId)
            }
    }

    /// The form narrows or widens as a side pane opens or closes: keep the note's cursor in view.
    private mutating func revealNoteCursor() {
        guard var current = editor else { return }
        let area = SessionEditorView.noteArea(size, editor: current)
        current.noteScroll = current.noteScroll.revealing(cursorOf: current.note, width: area.width, height: area.height)
        editor = current
    }
}
