import TerminalKit
import WaypointCore

/// The student's earlier sessions, read while a new note is written (Ctrl-P in the editor):
/// a pane beside the form when the window is wide enough, over it otherwise. It lives beside
/// the form, never in it, so opening, searching and closing it cannot change the draft.
public struct PastNotesState: Equatable, Sendable {
    /// The sessions as the counselor may see them (confidential ones of others redacted);
    /// nil until loaded, once per editor.
    public var sessions: [SessionView]?
    public var isOpen = false
    /// The pane has the keys; otherwise the form has them and a side pane only shows.
    public var hasFocus = false
    /// The first line shown.
    public var scroll = 0
    /// The word to find, typed while the pane has the keys.
    public var search = TextInput()
    /// Which match is current, counted over every match in order.
    public var match = 0

    public init() {}
}
