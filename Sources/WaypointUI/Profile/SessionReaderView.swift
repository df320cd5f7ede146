import TerminalKit
import WaypointCore

/// A session read in full: what was agreed last time, without opening it for editing.
enum SessionReaderView {
    static func render(_ state: AppState, scroll: Int, into buffer: inout Buffer, area: Rect) {
        guard let view = state.viewedSession else { return }
        let session = view.session
        let size = Size(width: min(100, area.width - 2), height: area.height - 1)
        let inner = Modal.render(title: "\(state.sessionKinds.title(of: session.kind)) · \(DateText.minute(session.startedAt, in: state.timeZone))",
                                 size: size, into: &buffer, over: area).inset(horizontal: 1, vertical: 0)
        var text = "By \(view.authorName) · \(session.durationMinutes) min"
        if session.isConfidential { text += " · confidential" }
        if let group = view.groupLine(names: true) { text += "\n" + group.prefix(1).uppercased() + group.dropFirst() }
        if view.isRedacted {
            text += "\n\nThis note is confidential to \(view.authorName). You can see that the contact took place, not what was said."
        } else {
            text += "\nWith: \(session.participants.map(\.title).joined(separator: ", "))"
            // A contact no longer on the student's list (a bulk roster dropped it) is named by its number.
            let contacts = state.profile?.data?.contacts ?? []
            let named = session.contactIds.map { id in contacts.first { $0.id == id }?.label ?? "family contact \(id)" }
            if !named.isEmpty { text += "\nFamily: \(named.joined(separator: ", "))" }
            if !session.topics.isEmpty { text += "\nTopics: \(session.topics.joined(separator: ", "))" }
            text += "\n\n" + session.note
        }
        let lines = TextWrap.wrap(Sanitizer.sanitizeKeepingLines(text), width: inner.width)
        let first = min(scroll, max(0, lines.count - inner.height))
        for (index, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
            buffer.write(line, at: Position(x: inner.x, y: inner.y + index), style: index + first == 0 ? Theme.heading : .plain,
                         clip: inner)
        }
    }
}
