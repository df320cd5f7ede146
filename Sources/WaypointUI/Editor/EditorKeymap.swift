import TerminalKit
import WaypointCore

extension Keymaps {
    public static let editor = Keymap(context: .editor, typing: true, bindings: [
        KeyBinding([.ctrl("s")], .editor(.saveSession), "Save"),
        KeyBinding([.tab], .field(.nextField), "Next field"),
        KeyBinding([.backTab], .field(.previousField), "Previous field", footer: false),
        KeyBinding([.escape], .editor(.cancelEditor), "Cancel"),
        KeyBinding([.ctrl("p")], .editor(.togglePastNotes), "Past notes (read and search earlier sessions)")
            .footerTitle { _ in "Past notes" },
        KeyBinding([.function(1)], .global(.help), "Help"),
        .typing([.wordLeft, .wordRight], "Word left / right (also Alt-b, Alt-f)"),
        .typing([.home, .end], "Line start / end"),
        .typing([.pageUp, .pageDown], "Page up / down in the note"),
        .typing([.ctrl("w")], "Delete the word before the cursor"),
        .typing([.ctrl("u")], "Delete to the line start"),
        .typing([.ctrl("k")], "Delete to the line end"),
        .typing([.ctrl("z")], "Undo (here Ctrl-Z does not suspend)"),
        .typing([.ctrl("y")], "Redo"),
        .typing([.char(" ")], "Kind, With, Confidential: change or tick"),
        .typing([.right], "Topics: complete a topic used before"),
    ])

    /// The past notes with the keys: typing finds a word; the form waits untouched.
    public static let pastNotes = Keymap(context: .pastNotes, typing: true, bindings: [
        KeyBinding([.enter], .editor(.pastNotesNextMatch), "Next match"),
        KeyBinding([.ctrl("r")], .editor(.pastNotesPreviousMatch), "Previous match", footer: false),
        KeyBinding([.up], .editor(.pastNotesUp), "Scroll up", footer: false),
        KeyBinding([.down], .editor(.pastNotesDown), "Scroll down", footer: false),
        KeyBinding([.pageUp], .editor(.pastNotesPageUp), "Page up", footer: false),
        KeyBinding([.pageDown], .editor(.pastNotesPageDown), "Page down", footer: false),
        KeyBinding([.tab], .editor(.pastNotesBackToForm), "Back to the note (a side pane stays in view)")
            .footerTitle { _ in "Back to note" },
        KeyBinding([.escape], .editor(.leavePastNotes), "Clear the word, then close")
            .footerTitle { state in state.editor?.pastNotes.search.isEmpty == false ? "Clear" : "Close" },
        KeyBinding([.ctrl("p")], .editor(.togglePastNotes), "Close the past notes", footer: false),
        KeyBinding([.ctrl("s")], .editor(.saveSession), "Save the session", footer: false),
        KeyBinding([.function(1)], .global(.help), "Help"),
    ])

    public static let confirmDiscard = Keymap(context: .confirmDiscard, bindings: [
        KeyBinding([.char("y")], .editor(.confirmDiscard), "Discard it"),
        KeyBinding([.char("n"), .escape], .editor(.keepEditing), "Keep writing"),
    ])

    public static let resumeDraft = Keymap(context: .resumeDraft, bindings: [
        KeyBinding([.char("r"), .enter], .editor(.resumeDraft), "Resume"),
        KeyBinding([.char("d")], .editor(.discardDraft), "Discard"),
        KeyBinding([.char("l"), .escape], .editor(.laterDraft), "Later"),
    ])
}
