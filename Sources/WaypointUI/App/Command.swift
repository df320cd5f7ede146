/// What a key binding asks for: one case per feature, each with its own commands, so the
/// central switch only routes (`AppState.perform`) and each feature's folder holds what its
/// commands do. Commands are what keymaps map keys to, what the footer and `?` help
/// describe, and what the reducer understands.
public enum Command: Hashable, Sendable {
    /// Bound once for every screen (quit, suspend) or in most (back, help).
    case global(Global)
    /// The focused list: the caseload, a profile panel, the plan's rows, a picker, a session being read.
    case list(List)
    /// The focused form: the session editor or a plan form.
    case field(Field)
    case welcome(Welcome)
    case caseload(Caseload)
    /// A group session's students, picked on the caseload (Caseload/GroupSessions.swift).
    case group(Group)
    case tasks(Tasks)
    case reports(Reports)
    case profile(Profile)
    case editor(Editor)
    case plan(Plan)
    case lock(Lock)
    case reminders(Reminders)
    /// Sync with the district hub and the changes it refused.
    case sync(Sync)
    /// "Changed in another window": theirs or mine.
    case conflict(ConflictChoice)

    public enum Global: Hashable, Sendable {
        case quit
        /// Stop the process for the shell's job control (Ctrl-Z); `fg` brings it back.
        case suspend
        case back
        case help
        /// Documentation of a key the focused field handles as typing; never dispatched.
        case typeText
    }

    public enum List: Hashable, Sendable {
        case moveUp, moveDown, pageUp, pageDown, moveTop, moveBottom
    }

    public enum Field: Hashable, Sendable {
        case nextField, previousField
    }

    public enum ConflictChoice: Hashable, Sendable {
        case saveMineOverTheirs, keepTheirs
    }
}
