@preconcurrency import CNcurses
import TerminalKit

/// Turns what `wget_wch` returns into `Key`s.
enum KeyDecoder {
    nonisolated(unsafe) static var wordLeftCode: Int32 = -1
    nonisolated(unsafe) static var wordRightCode: Int32 = -1

    /// Looks up the terminal's codes for keys without a fixed one. Call after `initscr`.
    static func learnTerminalKeys() {
        wordLeftCode = key_defined("kLFT5")
        wordRightCode = key_defined("kRIT5")
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_FIND: return .home
        case KEY_END, KEY_SELECT: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        default:
            for n in 1...24 where code == wp_key_f(Int32(n)) { return .function(n) }
            // Ctrl-arrows have no fixed codes; terminfo names them kLFT5 and kRIT5.
            if code == wordLeftCode { return .wordLeft }
            if code == wordRightCode { return .wordRight }
            return nil
        }
    }

    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return nil
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        case 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// Alt plus a key, as terminals send it (ESC, then the key).
    static func alt(_ value: UInt32) -> Key? {
        switch value {
        case 0x62: return .wordLeft            // Alt-b
        case 0x66: return .wordRight           // Alt-f
        case 8, 127: return .ctrl("w")         // Alt-Backspace: delete a word
        default: return nil                    // any other Alt-key does nothing rather than act as Esc
        }
    }

    /// CSI and SS3 sequences curses did not decode: Ctrl- and Alt-arrows in xterm style.
    static func escapeSequence(_ sequence: String) -> Key? {
        switch sequence {
        case "[1;5D", "[1;3D", "[5D", "Od": return .wordLeft
        case "[1;5C", "[1;3C", "[5C", "Oc": return .wordRight
        case "[1;5H", "[1;2H": return .home
        case "[1;5F", "[1;2F": return .end
        default: return nil
        }
    }
}
