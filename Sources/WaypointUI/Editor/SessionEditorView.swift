import TerminalKit
import WaypointCore

/// The session form: kind, who, topics, the note (most of the screen), follow-ups,
/// confidentiality and length. Tab moves between fields; the focused field is marked with
/// ▸ and its label in reverse video (so it shows in monochrome and in a plain-text capture),
/// like the plan forms, and a text field shows the cursor.
enum SessionEditorView {
    static let labelWidth = 14

    struct Areas {
        /// Zero height for a session with one student.
        var students: Rect
        var kind: Rect
        var participants: Rect
        /// Zero height when the student has no family contacts.
        var family: Rect
        var topics: Rect
        var noteTitle: Rect
        var note: Rect
        var followUpTitle: Rect
        var followUpInput: Rect
        var followUpList: Rect
        var confidential: Rect
        var timing: Rect
    }

    /// `family`: the student has family contacts, and a row to name them; `group`: a group
    /// session, and a row naming its students. `sidePane`: the past notes show beside the
    /// form, which keeps the columns left of them.
    static func areas(_ size: Size, family: Bool = false, group: Bool = false, sidePane: Bool = false) -> Areas {
        var body = ScreenLayout.chrome(size).body
        if sidePane { body.width = PastNotesView.frame(size).x - body.x }
        let rows = Layout.split(body, .vertical, [
            .fixed(group ? 1 : 0), .fixed(1), .fixed(1), .fixed(family ? 1 : 0), .fixed(1), .fixed(1), .fill(1), .fixed(1),
            .fixed(1), .fixed(1), .fixed(1), .fixed(1),
        ])
        let inset = { (rect: Rect) in rect.inset(horizontal: 1, vertical: 0) }
        return Areas(students: inset(rows[0]), kind: inset(rows[1]), participants: inset(rows[2]), family: inset(rows[3]),
                     topics: inset(rows[4]), noteTitle: rows[5], note: inset(rows[6]), followUpTitle: rows[7],
                     followUpInput: inset(rows[8]), followUpList: inset(rows[9]), confidential: inset(rows[10]),
                     timing: inset(rows[11]))
    }

    /// The form's areas for this editor: with its family row if it has contacts, its group
    /// row for a group session, beside the past notes when they show as a side pane.
    static func areas(_ size: Size, editor: SessionEditorState) -> Areas {
        areas(size, family: !editor.contacts.isEmpty, group: !editor.group.isEmpty, sidePane: editor.pastNotes.isOpen && PastNotesView.isSide(size))
    }

    /// Where the note is edited: the reducer wraps and pages with these dimensions.
    static func noteArea(_ size: Size, editor: SessionEditorState) -> Rect { areas(size, editor: editor).note }

    static func render(_ state: AppState, into buffer: inout Buffer, chrome: ScreenLayout.Chrome) -> Position? {
        guard let editor = state.editor else { return nil }
        // "Group session" rather than "New group session": at 80 columns the count must fit beside the time.
        let verb = switch (editor.sessionId == nil, editor.group.isEmpty) {
        case (true, true): "New session"
        case (true, false): "Group session"
        case (false, true): "Amend session"
        case (false, false): "Amend group session"
        }
        let minutes = Int(editor.minutes.text).map { "\($0) min" } ?? "\(editor.durationMinutes(now: state.now)) min so far"
        // No "Waypoint · " here: the room goes to the student's local ID, which tells two
        // students with one name apart (issue 15), and must not be cut at 80 columns: the
        // name (`displayNameWithId`, "Name (ID)") is shortened before its ID instead.
        let (who, id) = editor.group.isEmpty ? DisplayWidth.parenthesizedEnd(of: editor.studentName) : ("\(editor.group.count) students", "")
        TitleBar.render("\(verb) · \(who)", keeping: id,
                        right: "started \(DateText.minute(editor.startedAt, in: state.timeZone)) · \(minutes)",
                        into: &buffer, area: chrome.title)
        let areas = self.areas(state.size, editor: editor)
        // Under a modal or the past notes, they have the keys: no field is marked.
        let marker = state.overlay == nil && !editor.pastNotes.hasFocus ? focusMarker(state) : nil
        var cursor: Position?

        if !editor.group.isEmpty {
            // Who the one note is for: not a field (a group's students are fixed once picked).
            buffer.write(DisplayWidth.pad("Students", to: labelWidth - 1), at: Position(x: areas.students.x, y: areas.students.y),
                         style: Theme.heading, clip: areas.students)
            buffer.write(editor.groupLine(width: areas.students.width - labelWidth),
                         at: Position(x: areas.students.x + labelWidth, y: areas.students.y), clip: areas.students)
        }

        label(.kind, editor, marker, into: &buffer, area: areas.kind)
        let kindTitle = state.sessionKinds.title(of: editor.kind)
        value("‹ \(kindTitle) ›" + (editor.focus == .kind ? "   ←/→ or a letter to change" : ""), areas.kind, &buffer,
              focusedHint: editor.focus == .kind)

        label(.participants, editor, marker, into: &buffer, area: areas.participants)
        var participantX = areas.participants.x + labelWidth
        for (index, participant) in Participant.allCases.enumerated() {
            let mark = editor.participants.contains(participant) ? "[x]" : "[ ]"
            let style: Style = editor.focus == .participants && index == editor.participantCursor ? Theme.selected : .plain
            participantX += buffer.write("\(mark) \(participant.title)", at: Position(x: participantX, y: areas.participants.y),
                                         style: style, clip: areas.participants)
            participantX += 2
        }

        if !editor.contacts.isEmpty {
            label(.family, editor, marker, into: &buffer, area: areas.family)
            var familyX = areas.family.x + labelWidth
            // Each contact gets a share of the row (the longest shortened first), so the last
            // one is never pushed off the edge unseen.
            let texts = editor.contacts.map { contact in
                (editor.contactIds.contains(contact.id ?? -1) ? "[x] " : "[ ] ") + contact.label
            }
            let gaps = 2 * (editor.contacts.count - 1)
            let shares = DisplayWidth.shares(of: texts.map { DisplayWidth.of($0) }, in: areas.family.maxX - familyX - gaps)
            for (index, text) in texts.enumerated() {
                let style: Style = editor.focus == .family && index == editor.contactCursor ? Theme.selected : .plain
                let text = DisplayWidth.truncate(text, to: max(8, shares[index]))
                familyX += buffer.write(text, at: Position(x: familyX, y: areas.family.y), style: style, clip: areas.family)
                familyX += 2
            }
        }

        label(.topics, editor, marker, into: &buffer, area: areas.topics)
        let topicsField = fieldRect(areas.topics)
        let topicCursor = TextField.render(editor.topics, placeholder: editor.focus == .topics ? "comma-separated; → completes" : "",
                                           into: &buffer, area: topicsField)
        if editor.focus == .topics {
            cursor = topicCursor
            if let completion = editor.topicCompletion {
                let typed = editor.topics.text.split(separator: ",", omittingEmptySubsequences: false).last
                    .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                buffer.write(String(completion.dropFirst(typed.count)), at: topicCursor, style: Theme.muted, clip: topicsField)
            }
        }

        rule("Note", focused: editor.focus == .note, marker: marker, into: &buffer, area: areas.noteTitle)
        let noteCursor = TextEditorView.render(editor.note, scroll: editor.noteScroll,
                                               placeholder: "Type the note here. Enter starts a new line; Tab moves to the next field; Ctrl-S saves.",
                                               into: &buffer, area: areas.note)
        if editor.focus == .note { cursor = noteCursor }

        rule("Follow-ups (\(editor.followUps.count))", focused: false, marker: marker, into: &buffer, area: areas.followUpTitle)
        label(.followUps, editor, marker, into: &buffer, area: areas.followUpInput)
        let followUpField = fieldRect(areas.followUpInput)
        let followUpCursor = TextField.render(editor.followUpInput,
                                              placeholder: editor.focus != .followUps ? ""
                                                : editor.group.isEmpty ? "fri: call home (Enter adds; dates: +7d, 2026-12-05)"
                                                : "fri: call home (for \(editor.group[0].name), the first student; Enter adds)",
                                              into: &buffer, area: followUpField)
        if editor.focus == .followUps { cursor = followUpCursor }
        let list = editor.followUps.map { "\($0.dueDate) \($0.text)" }.joined(separator: " · ")
        buffer.write(DisplayWidth.truncate(list.isEmpty ? "none yet" : list, to: areas.followUpList.width - labelWidth),
                     at: Position(x: areas.followUpList.x + labelWidth, y: areas.followUpList.y),
                     style: list.isEmpty ? Theme.muted : .plain, clip: areas.followUpList)

        label(.confidential, editor, marker, into: &buffer, area: areas.confidential)
        buffer.write(editor.isConfidential ? "[x] only I can read the note" : "[ ] colleagues can read the note (Space to change)",
                     at: Position(x: areas.confidential.x + labelWidth, y: areas.confidential.y), clip: areas.confidential)

        let timing = areas.timing
        label(.started, editor, marker, into: &buffer, area: timing)
        let startedField = Rect(x: timing.x + labelWidth, y: timing.y, width: min(17, timing.width - labelWidth), height: 1)
        let startedCursor = TextField.render(editor.started, into: &buffer, area: startedField)
        if editor.focus == .started { cursor = startedCursor }
        var x = startedField.maxX + 1
        if editor.focus == .minutes, let marker { buffer.write(marker, at: Position(x: x, y: timing.y), style: Theme.heading, clip: timing) }
        x += 1
        x += buffer.write(SessionEditorState.Field.minutes.title, at: Position(x: x, y: timing.y),
                          style: editor.focus == .minutes ? Theme.selected : Theme.heading, clip: timing) + 1
        let minutesField = Rect(x: x, y: timing.y, width: min(6, timing.maxX - x), height: 1)
        let minutesCursor = TextField.render(editor.minutes, placeholder: "auto", into: &buffer, area: minutesField)
        if editor.focus == .minutes { cursor = minutesCursor }
        // Beside the minutes only when it fits whole: the footer always has it in full, and a
        // cut copy here would read as the whole message.
        if let error = editor.fieldError, DisplayWidth.of("⚠ \(error)") <= timing.maxX - minutesField.maxX - 1 {
            buffer.write("⚠ \(error)", at: Position(x: minutesField.maxX + 1, y: timing.y), style: Theme.error, clip: timing)
        }
        let paneCursor = PastNotesView.render(state, into: &buffer)
        guard state.overlay == nil else { return nil }
        if editor.pastNotes.hasFocus { return paneCursor }
        // An overlay of past notes without the keys does not exist (Tab closes it), but a
        // cursor must never show through one.
        return editor.pastNotes.isOpen && !PastNotesView.isSide(state.size) ? nil : cursor
    }

    private static func fieldRect(_ row: Rect) -> Rect {
        Rect(x: row.x + labelWidth, y: row.y, width: row.width - labelWidth, height: 1)
    }

    /// Points at the focused field, in the column left of the labels.
    static func focusMarker(_ state: AppState) -> String { state.asciiOnly ? ">" : "▸" }

    private static func label(_ field: SessionEditorState.Field, _ editor: SessionEditorState, _ marker: String?,
                              into buffer: inout Buffer, area: Rect) {
        let focused = editor.focus == field
        if focused, let marker { buffer.write(marker, at: Position(x: area.x - 1, y: area.y), style: Theme.heading) }
        buffer.write(DisplayWidth.pad(field.title, to: labelWidth - 1), at: Position(x: area.x, y: area.y),
                     style: focused ? Theme.selected : Theme.heading, clip: area)
    }

    private static func value(_ text: String, _ area: Rect, _ buffer: inout Buffer, focusedHint: Bool) {
        buffer.write(text, at: Position(x: area.x + labelWidth, y: area.y), clip: area)
    }

    /// A section rule; the note's, when focused, carries the marker and its title in reverse video.
    private static func rule(_ title: String, focused: Bool, marker: String?, into buffer: inout Buffer, area: Rect) {
        guard focused, let marker else {
            let line = "─ " + title + " " + String(repeating: "─", count: max(0, area.width - DisplayWidth.of(title) - 3))
            buffer.write(line, at: Position(x: area.x, y: area.y), style: Theme.muted, clip: area)
            return
        }
        var x = area.x + buffer.write(marker, at: Position(x: area.x, y: area.y), style: Theme.heading, clip: area)
        x += buffer.write(" ", at: Position(x: x, y: area.y), clip: area)
        x += buffer.write(title, at: Position(x: x, y: area.y), style: Theme.selected, clip: area)
        buffer.write(" " + String(repeating: "─", count: max(0, area.maxX - x - 1)), at: Position(x: x, y: area.y),
                     style: Theme.heading, clip: area)
    }
}

/// Esc with unsaved text.
enum ConfirmDiscardView {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let inner = Modal.render(title: "Discard this session?", size: Size(width: 56, height: 6), into: &buffer, over: area)
        Paragraph.render("The note has not been saved. y discards it (and its draft); n or Esc goes back to writing.",
                         into: &buffer, area: inner.inset(horizontal: 1, vertical: 0))
    }
}

/// Drafts left by an earlier run.
enum ResumeDraftView {
    static func render(_ state: AppState, drafts: [DraftSummary], into buffer: inout Buffer, area: Rect) {
        guard let draft = drafts.first else { return }
        let inner = Modal.render(title: "Unsaved draft", size: Size(width: 64, height: 9), into: &buffer, over: area)
        let words = draft.payload.note.split(whereSeparator: { $0.isWhitespace }).count
        let more = drafts.count > 1 ? " (\(drafts.count - 1) more after this one)" : ""
        let text = "A session with \(draft.studentName) was being written on \(DateText.minute(draft.updatedAt, in: state.timeZone)) "
            + "and was not saved: \(words) word\(words == 1 ? "" : "s") of note\(more).\n\n"
            + "r resumes it · d discards it · l or Esc decides later"
        Paragraph.render(text, into: &buffer, area: inner.inset(horizontal: 1, vertical: 0))
    }
}
