/// A key press as the application sees it, independent of the terminal library.
public enum Key: Hashable, Sendable {
    /// A printable character, including non-ASCII text typed or pasted.
    case char(Character)
    /// Ctrl plus a letter, lower case: `.ctrl("c")`.
    case ctrl(Character)
    case enter, escape, backspace, delete, tab, backTab, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// Ctrl-← and Ctrl-→ (or Alt-b, Alt-f): a word at a time.
    case wordLeft, wordRight
    /// Text pasted in one piece (bracketed paste): inserted, and undone, as one edit.
    case paste(String)
    case function(Int)

    /// How the key is written in footers and help: "↑", "PgDn", "^C", "F1", "q".
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "^" + String(c).uppercased()
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .insert: "Ins"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .paste: "Paste"
        case .wordLeft: "^←"
        case .wordRight: "^→"
        case .function(let n): "F\(n)"
        }
    }
}

/// Something that happened at the terminal.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case resize(Size)
}
