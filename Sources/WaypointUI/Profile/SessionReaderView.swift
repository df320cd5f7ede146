import TerminalKit
import WaypointCore

/// A session read in full: what was agreed last time, without opening it for editing.
enum SessionReaderView {
    static func render(_ state: AppState, scroll: Int, into buffer: inout Buffer, area: Rect) {
        guard let view = state.viewedSession else { return }
        let size = Size(width: min(100, area.width - 2), height: area.height - 1)
        let inner = Modal.render(title: title(view, state), size: size, into: &buffer, over: area).inset(horizontal: 1, vertical: 0)
        let lines = TextWrap.wrap(Sanitizer.sanitizeKeepingLines(text(view, contacts: state.profile?.data?.contacts ?? [])),
                                  width: inner.width)
        let first = min(scroll, max(0, lines.count - inner.height))
        for (index, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
            buffer.write(line, at: Position(x: inner.x, y: inner.y + index), style: index + first == 0 ? Theme.heading : .plain,
                         clip: inner)
        }
    }

    /// "Academic · 2026-11-24 14:05".
    static func title(_ view: SessionView, _ state: AppState) -> String {
        "\(state.sessionKinds.title(of: view.session.kind)) · \(DateText.minute(view.session.startedAt, in: state.timeZone))"
    }

    /// What a session shows to the counselor reading it: who wrote it and for how long, then
    /// who took part, topics and the note, or, for someone else's confidential session, only
    /// that it took place. One rule for the profile's reader and the editor's past notes.
    static func text(_ view: SessionView, contacts: [FamilyContact]) -> String {
        let session = view.session
        var text = "By \(view.authorName) · \(session.durationMinutes) min"
        if session.isConfidential { text += " · confidential" }
        if let group = view.groupLine(names: true) { text += "\n" + group.prefix(1).uppercased() + group.dropFirst() }
        if view.isRedacted {
            text += "\n\nThis note is confidential to \(view.authorName). You can see that the contact took place, not what was said."
        } else {
            text += "\nWith: \(session.participants.map(\.title).joined(separator: ", "))"
            // A contact no longer on the student's list (a bulk roster dropped it) is named by its number.
            let named = session.contactIds.map { id in contacts.first { $0.id == id }?.label ?? "family contact \(id)" }
            if !named.isEmpty { text += "\nFamily: \(named.joined(separator: ", "))" }
            if !session.topics.isEmpty { text += "\nTopics: \(session.topics.joined(separator: ", "))" }
            text += "\n\n" + session.note
        }
        return text
    }
}
