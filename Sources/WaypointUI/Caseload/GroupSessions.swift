import Foundation
import TerminalKit
import WaypointCore

/// A student of a group session as the editor and its draft keep them: enough to name them
/// in the header without reading the database again.
public struct GroupMember: Codable, Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var localId: String

    public init(id: Int64, name: String, localId: String) {
        self.id = id
        self.name = name
        self.localId = localId
    }
}

/// Picking the students of a group session (`m` on the caseload): the caseload itself, with
/// its search and saved views, in which Space ticks students. The session's own student is
/// the first ticked.
public struct GroupPick: Equatable, Sendable {
    public var members: [GroupMember] = []

    public init(members: [GroupMember] = []) {
        self.members = members
    }

    public func contains(_ id: Int64?) -> Bool { members.contains { $0.id == id } }

    /// "3 chosen: Ruiz, Ana · Ng, Ben · Ho, Cy", or how to begin.
    public var summary: String {
        guard !members.isEmpty else { return "Group session: tick each student with Space (/ finds one, v picks a view)." }
        return "Group session, \(members.count) chosen: " + members.map(\.name).joined(separator: " · ")
    }

    /// A group is two students or more; one is an ordinary session.
    public static let smallest = 2
}

extension Command {
    public enum Group: Hashable, Sendable {
        case start, tick, tickAllShown, writeNote, cancel
    }
}

extension AppState {
    mutating func performGroup(_ command: Command.Group) -> [Effect] {
        switch command {
        case .start:
            guard userId != nil else {
                status = StatusMessage("Waypoint does not know who you are: restart it with --counselor ID; sessions are recorded in your name.",
                                       isError: true)
                return []
            }
            caseload.group = GroupPick()
            status = StatusMessage("Group session: Space ticks a student, * ticks everyone shown, Enter writes the note.")
        case .tick:
            guard var pick = caseload.group, let entry = caseload.selectedEntry, let id = entry.student.id else { return [] }
            if pick.contains(id) {
                pick.members.removeAll { $0.id == id }
            } else {
                pick.members.append(member(entry.student))
            }
            caseload.group = pick
            // The next student is one key away, as in a list of checkboxes.
            caseload.table.move(by: 1, rowCount: caseload.rows.count, visibleRows: caseloadVisibleRows)
        case .tickAllShown:
            guard var pick = caseload.group else { return [] }
            let shown = caseload.rows.filter { !pick.contains($0.student.id) }
            pick.members += shown.map { member($0.student) }
            caseload.group = pick
            status = StatusMessage("Ticked \(shown.count) more; \(pick.members.count) chosen.")
        case .writeNote:
            return openGroupEditor()
        case .cancel:
            caseload.group = nil
            status = StatusMessage("Group session cancelled; nothing was recorded.")
        }
        return []
    }

    private func member(_ student: Student) -> GroupMember {
        GroupMember(id: student.id ?? -1, name: student.displayName, localId: student.localId)
    }

    /// The editor, for the students ticked: the first kind of session marked `group` in the
    /// catalog, the students taking part, the note focused. The draft is kept under the
    /// first student, as any new session's.
    mutating func openGroupEditor() -> [Effect] {
        guard let authorId = userId, let members = caseload.group?.members, let first = members.first else { return [] }
        var payload = DraftPayload(kind: sessionKinds.groupKinds.first?.id ?? sessionKinds.kinds.first?.id ?? "group",
                                   participants: [.student], topics: "", note: "", followUps: [], isConfidential: false,
                                   startedAt: now, minutes: nil)
        payload.group = members
        caseload.isSearching = false
        editor = SessionEditorState(studentId: first.id, studentName: first.name, payload: payload, now: now, timeZone: timeZone)
        screens.append(.editor)
        return [.loadEditorDraft(authorId: authorId, studentId: first.id, sessionId: nil)]
    }

    /// A draft found for the group's first student that is not this group's: it is theirs
    /// alone, and storing the group's draft would overwrite it, so the group waits.
    mutating func refuseGroupOverDraft(of name: String) {
        editor = nil
        if screens.last == .editor { screens.removeLast() }
        status = StatusMessage("You have an unsaved session with \(name): finish or discard it on their profile (n), "
            + "or tick another student first.", isError: true)
    }
}

/// The line above the caseload while a group is picked: who is in it so far.
enum GroupPickView {
    static func render(_ pick: GroupPick, into buffer: inout Buffer, area: Rect) {
        let text = DisplayWidth.truncate(pick.summary, to: area.width)
        buffer.write(text, at: Position(x: area.x, y: area.y), style: pick.members.isEmpty ? Theme.muted : Theme.heading, clip: area)
    }

    /// The tick a row carries while picking.
    static func mark(_ ticked: Bool) -> String { ticked ? "[x] " : "[ ] " }
}

extension Keymaps {
    /// The caseload while a group session's students are picked: its search and saved views
    /// narrow the list, Space ticks.
    public static let groupPicker = Keymap(context: .groupPicker, bindings: [
        // The footer has room for few hints at 80 columns: ticking and writing come first.
        KeyBinding([.char(" ")], .group(.tick), "Tick/untick"),
        KeyBinding([.enter], .group(.writeNote), "Write the note", disabledWhen: { state in
            (state.caseload.group?.members.count ?? 0) >= GroupPick.smallest ? nil : "tick at least two students (Space)"
        }),
        KeyBinding([.char("/")], .caseload(.startSearch), "Search"),
        KeyBinding([.char("v")], .caseload(.showViews), "Views"),
        KeyBinding([.char("x")], .group(.tick), "Tick/untick", footer: false),
        KeyBinding([.char("*")], .group(.tickAllShown), "Tick everyone shown"),
        KeyBinding([.escape, .char("q")], .group(.cancel), "Cancel"),
        KeyBinding([.char("?")], .global(.help), "Help"),
    ] + navigation)
}

extension SessionView {
    /// A group session's students as the editor names them when it is amended (nil: one student).
    var groupMembers: [GroupMember]? {
        guard isGroup, studentNames.count == session.studentIds.count else { return nil }
        return zip(session.studentIds, studentNames).map { GroupMember(id: $0, name: $1, localId: "") }
    }
}

extension SessionEditorState {
    /// The editor's header for a group: how many students and who, cut to `width` with how
    /// many more were left out ("Ana Ruiz · Ben Ng · +28 more").
    func groupLine(width: Int) -> String {
        let names = group.map(\.name)
        for shown in stride(from: names.count, through: 1, by: -1) {
            let more = names.count - shown
            let line = names.prefix(shown).joined(separator: " · ") + (more > 0 ? " · +\(more) more" : "")
            if DisplayWidth.of(line) <= width { return line }
        }
        return DisplayWidth.truncate("\(names.count) students", to: width)
    }
}
