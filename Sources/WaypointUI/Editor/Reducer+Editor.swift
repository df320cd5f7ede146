import Foundation
import TerminalKit
import WaypointCore

extension AppState {
    /// Opens the editor for a new session with the profile's student, or to amend the
    /// selected session. A stored draft for the same student and session is loaded into it.
    ///
    /// `withFamily`: a contact with the family, without the student (`f` on the profile):
    /// the first family kind of the catalog (a phone call), the parent or guardian taking
    /// part, the first family contact named, and the note focused, so a call is logged
    /// with `f`, the note and Ctrl-S.
    mutating func openEditor(amending: Bool, withFamily: Bool = false) -> [Effect] {
        guard let authorId = userId else {
            status = StatusMessage("Waypoint does not know who you are: restart it with --counselor ID; sessions are recorded in your name.", isError: true)
            return []
        }
        guard let data = profile?.data, let studentId = data.student.id else { return [] }
        var payload = DraftPayload(kind: sessionKinds.kinds.first?.id ?? "academic", participants: [.student], topics: "",
                                   note: "", followUps: [], isConfidential: false, startedAt: now, minutes: nil)
        var sessionId: Int64?
        if withFamily {
            payload.kind = sessionKinds.familyKinds.first?.id ?? payload.kind
            payload.participants = [.parentGuardian]
            payload.contactIds = data.contacts.first?.id.map { [$0] }
        }
        if amending {
            guard let view = profile?.selectedSession else { return [] }
            guard !view.isRedacted else {
                status = StatusMessage("That note is confidential to \(view.authorName).", isError: true)
                return []
            }
            guard view.session.authorId == authorId else {
                status = StatusMessage("Only \(view.authorName), who wrote it, can amend that session.", isError: true)
                return []
            }
            let session = view.session
            sessionId = session.id
            payload = DraftPayload(kind: session.kind, participants: session.participants,
                                   topics: session.topics.joined(separator: ", "), note: session.note, followUps: [],
                                   isConfidential: session.isConfidential, startedAt: session.startedAt,
                                   minutes: session.durationMinutes, loadedNoteVersion: session.noteVersion,
                                   contactIds: session.contactIds.isEmpty ? nil : session.contactIds,
                                   group: view.groupMembers)
        }
        editor = SessionEditorState(studentId: studentId, studentName: data.student.displayNameWithId, sessionId: sessionId,
                                    payload: payload, now: now, timeZone: timeZone)
        editor?.contacts = data.contacts
        screens.append(.editor)
        return [.loadEditorDraft(authorId: authorId, studentId: studentId, sessionId: sessionId)]
    }

    mutating func receiveEditorDraft(studentId: Int64, sessionId: Int64?, draft: DraftPayload?, knownTopics: [String]) {
        guard var current = editor, current.studentId == studentId, current.sessionId == sessionId else { return }
        current.knownTopics = knownTopics
        if let draft, !current.group.isEmpty, current.sessionId == nil, draft.group?.map(\.id) != current.group.map(\.id) {
            refuseGroupOverDraft(of: current.studentName)
            return
        }
        if let draft {
            let restored = SessionEditorState(studentId: studentId, studentName: current.studentName, sessionId: sessionId,
                                              payload: draft, now: now, timeZone: timeZone)
            let contacts = current.contacts
            current = restored
            current.contacts = contacts
            current.knownTopics = knownTopics
            current.restoredFromDraft = true
            status = StatusMessage("Resumed your unsaved draft for \(current.studentName).")
        }
        editor = current
    }

    /// A key typed into the focused field of the editor.
    mutating func editEditor(_ key: Key) -> [Effect] {
        guard var current = editor else { return [] }
        if current.pastNotes.hasFocus {
            // Typed into the past notes' find line; the form is left exactly as it was.
            editPastNotesSearch(key)
            return []
        }
        current.fieldError = nil
        switch current.focus {
        case .kind:
            let ids = sessionKinds.kinds.map(\.id)
            let index = ids.firstIndex(of: current.kind) ?? 0
            switch key {
            case .left, .char("h"): current.kind = ids[(index + ids.count - 1) % max(1, ids.count)]
            case .right, .char("l"), .char(" "): current.kind = ids[(index + 1) % max(1, ids.count)]
            case .char(let c):
                let titles = sessionKinds.kinds
                let after = titles.indices.map { (index + 1 + $0) % titles.count }
                if let match = after.first(where: { titles[$0].title.lowercased().hasPrefix(String(c).lowercased()) }) {
                    current.kind = titles[match].id
                }
            default: break
            }
        case .participants:
            let all = Participant.allCases
            switch key {
            case .left, .char("h"): current.participantCursor = max(0, current.participantCursor - 1)
            case .right, .char("l"): current.participantCursor = min(all.count - 1, current.participantCursor + 1)
            case .char(" "), .char("x"):
                let participant = all[current.participantCursor]
                if let index = current.participants.firstIndex(of: participant) {
                    current.participants.remove(at: index)
                    // Nobody from the family took part, so none of them is named.
                    if participant == .parentGuardian { current.contactIds = [] }
                } else {
                    current.participants = all.filter { current.participants.contains($0) || $0 == participant }
                }
            case .char:
                current.fieldError = "←/→ choose, Space ticks; Tab moves to the next field"
            default: break
            }
        case .family:
            let contacts = current.contacts
            switch key {
            case .left, .char("h"): current.contactCursor = max(0, current.contactCursor - 1)
            case .right, .char("l"): current.contactCursor = min(contacts.count - 1, current.contactCursor + 1)
            case .char(" "), .char("x"):
                guard contacts.indices.contains(current.contactCursor), let id = contacts[current.contactCursor].id else { break }
                if let index = current.contactIds.firstIndex(of: id) {
                    current.contactIds.remove(at: index)
                } else {
                    current.contactIds.append(id)
                    // Naming a parent says a parent or guardian took part.
                    if !current.participants.contains(.parentGuardian) {
                        current.participants = Participant.allCases.filter {
                            current.participants.contains($0) || $0 == .parentGuardian
                        }
                    }
                }
            case .char:
                current.fieldError = "←/→ choose, Space names who took part; Tab moves to the next field"
            default: break
            }
        case .topics:
            if key == .right, let completion = current.topicCompletion {
                var parts = current.topics.text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                parts[parts.count - 1] = (parts.count > 1 ? " " : "") + completion
                current.topics = TextInput(parts.joined(separator: ",") + ", ")
            } else {
                current.topics.handle(key)
            }
        case .note:
            let area = SessionEditorView.noteArea(size, editor: current)
            if current.note.handle(key, width: area.width, pageHeight: area.height) {
                current.noteScroll = current.noteScroll.revealing(cursorOf: current.note, width: area.width, height: area.height)
            }
        case .followUps:
            switch key {
            case .enter:
                addFollowUp(&current)
            case .backspace where current.followUpInput.isEmpty && !current.followUps.isEmpty:
                let removed = current.followUps.removeLast()
                status = StatusMessage("Removed follow-up “\(removed.text)”.")
            default:
                current.followUpInput.handle(key)
            }
        case .confidential:
            // Text typed here by mistake (meant for the next field) must not flip the flag
            // with each space: after a stray letter, only `x` toggles until the focus moves.
            if key == .char("x") || (key == .char(" ") && !current.strayTyping) {
                current.isConfidential.toggle()
            } else if case .char = key {
                current.strayTyping = true
                current.fieldError = "x or Space ticks; Tab moves to the next field"
            }
        case .started:
            current.started.handle(key)
            if let date = LocalTime.parse(current.started.text, timeZone: timeZone) { current.startedAt = date }
        case .minutes:
            if case .char(let c) = key, !c.isNumber { break }
            current.minutes.handle(key)
            let most = Int(FieldRules.sessionMinutes.range.upperBound)
            if let value = Int(current.minutes.text), value > most {
                current.minutes = TextInput(String(most))
                current.fieldError = "at most \(most) minutes"
            }
        }
        // Any key in the form may have changed it. Comparing the whole form before and after
        // would cost the length of the note on every key (a paste became quadratic), and a
        // draft stored once too often is harmless.
        current.draftDirty = true
        editor = current
        return []
    }

    /// Parses the follow-up field ("fri: call home") into the list; false when it is not valid.
    @discardableResult
    private func addFollowUp(_ current: inout SessionEditorState) -> Bool {
        let text = current.followUpInput.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return true }
        let today = CivilDate.today(now: now, timeZone: timeZone)
        do {
            guard let (date, task) = try FollowUpDraft.parse(text, today: today) else {
                current.fieldError = "write it as DATE: what to do, e.g. fri: call home"
                return false
            }
            current.followUps.append(FollowUpDraft(text: task, dueDate: date.iso))
            current.followUpInput = TextInput()
            if date < today { current.fieldError = "\(date.iso) has passed; the follow-up will show as overdue" }
            return true
        } catch {
            current.fieldError = error.description
            return false
        }
    }

    mutating func moveEditorFocus(by delta: Int) {
        guard var current = editor else { return }
        let fields = current.fields
        let position = fields.firstIndex(of: current.focus) ?? 0
        current.focus = fields[(position + delta + fields.count) % fields.count]
        current.fieldError = nil
        current.strayTyping = false
        editor = current
    }

    mutating func saveEditor() -> [Effect] {
        guard var current = editor, let authorId = userId else { return [] }
        guard addFollowUp(&current) else {
            current.focus = .followUps
            editor = current
            return []
        }
        guard let start = LocalTime.parse(current.started.text, timeZone: timeZone) else {
            current.focus = .started
            current.fieldError = "write the start as YYYY-MM-DD HH:MM"
            editor = current
            return []
        }
        guard start <= now.addingTimeInterval(10 * 60) else {
            current.focus = .started
            current.fieldError = "the start is in the future"
            editor = current
            return []
        }
        guard !current.participants.isEmpty else {
            current.focus = .participants
            current.fieldError = "tick who took part (Space)"
            editor = current
            status = StatusMessage("Tick at least one participant before saving.", isError: true)
            return []
        }
        guard !current.note.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            current.focus = .note
            current.fieldError = "the note is empty"
            editor = current
            status = StatusMessage("Write a note before saving (or Esc to leave without saving).", isError: true)
            return []
        }
        editor = current
        isBusy = true
        return [.saveSession(SessionSave(authorId: authorId, studentId: current.studentId, sessionId: current.sessionId,
                                         payload: current.payload, durationMinutes: current.durationMinutes(now: now),
                                         followUps: current.followUps, topics: current.topicList))]
    }

    mutating func sessionSaved(amended: Bool) -> [Effect] {
        isBusy = false
        if let current = editor, let authorId = userId {
            forgetWaitingDraft(authorId: authorId, studentId: current.studentId, sessionId: current.sessionId)
        }
        let group = editor?.group.count ?? 0
        editor = nil
        if screens.last == .editor { screens.removeLast() }
        status = StatusMessage(amended ? "Session amended; the earlier text is kept in its history."
            : group > 1 ? "Group session saved: it shows in the history of each of its \(group) students." : "Session saved.")
        if screen == .caseload, caseload.group != nil {
            // Recorded: the picked group is done with (and the searches that found its
            // students), and each student's Seen changed.
            caseload.group = nil
            caseload.search = TextInput()
            caseload.isSearching = false
            caseload.keepSelectionOnLoad = true
            return [reloadCaseload()]
        }
        return profile == nil ? [] : [reloadProfile()]
    }

    mutating func cancelEditor() -> [Effect] {
        guard let current = editor else { return [] }
        if current.hasChanges {
            overlay = .confirmDiscard
            return []
        }
        return closeEditor(discarding: true)
    }

    mutating func closeEditor(discarding: Bool) -> [Effect] {
        guard let current = editor, let authorId = userId else { return [] }
        editor = nil
        overlay = nil
        if screens.last == .editor { screens.removeLast() }
        return discarding ? [.discardDraft(authorId: authorId, studentId: current.studentId, sessionId: current.sessionId)] : []
    }

    /// The draft to store now, if the form changed and the last store was long enough ago.
    /// Called on every tick, so a change is stored within about half a second.
    mutating func draftEffects(force: Bool = false) -> [Effect] {
        guard var current = editor, let authorId = userId, current.draftDirty else { return [] }
        guard force || now.timeIntervalSince(current.lastDraftSave) >= 0.5 else { return [] }
        current.draftDirty = false
        current.lastDraftSave = now
        editor = current
        var payload = current.payload
        if !current.followUpInput.isEmpty {
            // A follow-up half typed is part of the draft too, as typed.
            payload.followUps.append(FollowUpDraft(text: current.followUpInput.text, dueDate: ""))
        }
        return [.saveDraft(authorId: authorId, studentId: current.studentId, sessionId: current.sessionId, payload: payload)]
    }

    // MARK: Drafts found at start-up

    mutating func resumeFirstDraft() -> [Effect] {
        guard case .resumeDraft(let drafts)? = overlay, let draft = drafts.first, let authorId = userId else { return [] }
        overlay = nil
        profile = ProfileState(studentId: draft.studentId)
        if screens.last != .caseload { screens = [.caseload] }
        screens.append(.profile)
        editor = SessionEditorState(studentId: draft.studentId, studentName: draft.studentName, sessionId: draft.sessionId,
                                    payload: draft.payload, now: now, timeZone: timeZone)
        editor?.restoredFromDraft = true
        screens.append(.editor)
        status = StatusMessage("Resumed your unsaved draft for \(draft.studentName).")
        return [recordProfileView(studentId: draft.studentId), reloadProfile(),
                .loadEditorDraft(authorId: authorId, studentId: draft.studentId, sessionId: draft.sessionId)]
    }

    mutating func dropFirstDraft(discard: Bool) -> [Effect] {
        guard case .resumeDraft(var drafts)? = overlay, !drafts.isEmpty, let authorId = userId else { return [] }
        let draft = drafts.removeFirst()
        overlay = drafts.isEmpty ? nil : .resumeDraft(drafts)
        if discard {
            status = StatusMessage("Discarded the draft for \(draft.studentName).")
            return [.discardDraft(authorId: authorId, studentId: draft.studentId, sessionId: draft.sessionId)]
        }
        status = StatusMessage("Kept the draft for \(draft.studentName); press n on their profile to continue it.")
        return []
    }
}
