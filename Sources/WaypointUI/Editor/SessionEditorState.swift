import Foundation
import TerminalKit
import WaypointCore

/// What a draft keeps of a session being written: enough to rebuild the editor exactly.
public struct DraftPayload: Codable, Equatable, Sendable {
    public var kind: String
    public var participants: [Participant]
    public var topics: String
    public var note: String
    public var followUps: [FollowUpDraft]
    public var isConfidential: Bool
    public var startedAt: Date
    /// Minutes typed by the counselor; nil: timed automatically from `startedAt`.
    public var minutes: Int?
    /// The note version an amendment was written over; kept with the draft so that, even
    /// after a crash, a note amended elsewhere meanwhile is noticed at save.
    public var loadedNoteVersion: Int? = nil
    /// The family contacts named as taking part (nil: none; drafts from before contacts have none).
    public var contactIds: [Int64]? = nil
    /// A group session's students, its own (the draft's) first; nil: one student.
    public var group: [GroupMember]? = nil
}

/// The session editor: a form around the note, and the bookkeeping that keeps a draft safe.
public struct SessionEditorState: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable {
        case kind, participants, family, topics, note, followUps, confidential, started, minutes

        public var title: String {
            switch self {
            case .kind: "Kind"
            case .participants: "With"
            case .family: "Family"
            case .topics: "Topics"
            case .note: "Note"
            case .followUps: "Follow-up"
            case .confidential: "Confidential"
            case .minutes: "Minutes"
            case .started: "Started"
            }
        }
    }

    public var studentId: Int64
    public var studentName: String
    /// A group session's students, the first being `studentId` (empty: one student). Fixed
    /// once chosen, like a session's student.
    public var group: [GroupMember]
    /// The session being amended, or nil for a new one.
    public var sessionId: Int64?
    public var kind: String
    public var participants: [Participant]
    public var participantCursor = 0
    /// The student's family contacts, to name who took part (the Family row shows when there are any).
    public var contacts: [FamilyContact] = []
    /// The contacts named (ids), in the order ticked.
    public var contactIds: [Int64]
    public var contactCursor = 0
    public var topics: TextInput
    public var knownTopics: [String] = []
    public var note: TextBuffer
    public var noteScroll = EditorScroll()
    public var followUpInput = TextInput()
    public var followUps: [FollowUpDraft]
    public var isConfidential: Bool
    public var startedAt: Date
    public var minutes: TextInput
    public var loadedNoteVersion: Int?
    /// The start as typed ("2026-11-23 14:05"); checked when saving.
    public var started: TextInput
    public var focus = Field.note
    /// What the form held when opened (or last saved as a draft from a resumed one): an
    /// unchanged form can be left without asking.
    public var original: DraftPayload
    /// Changed since the draft was last stored.
    public var draftDirty = false
    public var lastDraftSave: Date
    /// A problem with the focused field, shown beside it.
    public var fieldError: String?
    /// Rebuilt from a draft: it holds unsaved text even before the first key.
    public var restoredFromDraft = false
    /// Letters were typed into a checkbox field; its Space no longer toggles (see the reducer).
    public var strayTyping = false
    /// Ctrl-S found the database busy: the session is saved from the editor as soon as the
    /// database takes it.
    public var saveWaiting = false
    /// The student's earlier sessions, read beside the form (Ctrl-P); not part of the draft.
    public var pastNotes = PastNotesState()

    public init(studentId: Int64, studentName: String, sessionId: Int64? = nil, payload: DraftPayload, now: Date,
                timeZone: TimeZone = .current) {
        self.studentId = studentId
        self.studentName = studentName
        self.sessionId = sessionId
        kind = payload.kind
        participants = payload.participants
        contactIds = payload.contactIds ?? []
        group = payload.group ?? []
        topics = TextInput(payload.topics)
        note = TextBuffer(payload.note)
        note.move(to: note.endPosition)
        followUps = payload.followUps
        isConfidential = payload.isConfidential
        startedAt = payload.startedAt
        minutes = TextInput(payload.minutes.map(String.init) ?? "")
        loadedNoteVersion = payload.loadedNoteVersion
        started = TextInput(LocalTime.format(payload.startedAt, timeZone: timeZone))
        original = payload
        lastDraftSave = now
    }

    /// The form as a draft.
    public var payload: DraftPayload {
        DraftPayload(kind: kind, participants: participants, topics: topics.text, note: note.text, followUps: followUps,
                     isConfidential: isConfidential, startedAt: startedAt, minutes: Int(minutes.text),
                     loadedNoteVersion: loadedNoteVersion, contactIds: contactIds.isEmpty ? nil : contactIds,
                     group: group.isEmpty ? nil : group)
    }

    /// The fields Tab visits: the Family row only when the student has contacts.
    public var fields: [Field] {
        Field.allCases.filter { $0 != .family || !contacts.isEmpty }
    }

    public var hasChanges: Bool { restoredFromDraft || payload != original || !followUpInput.isEmpty }

    /// The topics typed, split at commas.
    public var topicList: [String] {
        topics.text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The known topic that completes the word being typed, if one does.
    public var topicCompletion: String? {
        guard topics.cursor == topics.characters.count else { return nil }
        let current = topics.text.split(separator: ",", omittingEmptySubsequences: false).last
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !current.isEmpty else { return nil }
        let folded = SearchText.fold(current)
        let chosen = Set(topicList.dropLast().map(SearchText.fold))
        return knownTopics.first { SearchText.fold($0).hasPrefix(folded) && SearchText.fold($0) != folded && !chosen.contains(SearchText.fold($0)) }
    }

    /// Minutes as saved: what the counselor typed, or the time since the session started.
    public func durationMinutes(now: Date) -> Int {
        if let typed = Int(minutes.text) { return typed }
        return min(1440, max(1, Int((now.timeIntervalSince(startedAt) / 60).rounded(.up))))
    }
}
