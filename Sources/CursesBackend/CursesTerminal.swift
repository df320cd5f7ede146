@preconcurrency import CNcurses
import Foundation
import TerminalKit

/// The real terminal, through ncursesw's wide-character API. The only code in Waypoint
/// that calls curses: everything else draws into a `Buffer` and reads `InputEvent`s.
public final class CursesTerminal: TerminalBackend {
    private let colorPairs: ColorPairs?
    private var stopped = false

    /// Takes over the terminal. Call `stop()` (or let a signal handler do it) to give it back.
    /// - Parameter monochrome: draw without colours (also when `NO_COLOR` is set or the
    ///   terminal has none): meaning is carried by bold, reverse and underline alone.
    /// - Throws: `TerminalUnavailable` when curses cannot start on this terminal.
    public init(monochrome: Bool = false) throws(TerminalUnavailable) {
        if let reason = CursesTerminal.unusableReason() { throw TerminalUnavailable(reason: reason) }
        Locale.chooseUTF8()
        guard wp_start_screen() != 0 else {
            throw TerminalUnavailable(reason: "curses could not start on the terminal \"\(TerminalUnavailable.termName)\"")
        }
        raw()          // Ctrl-C and Ctrl-Z arrive as keys, so the app can save before it leaves.
        noecho()
        nonl()
        keypad(wp_stdscr(), true)
        set_escdelay(25)
        KeyDecoder.learnTerminalKeys()
        BracketedPaste.enable()
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        if !monochrome, !noColor, has_colors() {
            start_color()
            use_default_colors()
            colorPairs = ColorPairs()
        } else {
            colorPairs = nil
        }
        SignalGuard.install { endwin() }
    }

    deinit { stop() }

    /// Restores the terminal as it was. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        BracketedPaste.disable()
        clearForLeaving()
        curs_set(1)
        endwin()
        SignalGuard.uninstall()
    }

    public var hasColor: Bool { colorPairs != nil }

    /// Terminals without an alternate screen (vt100, linux) would keep the last frame, student
    /// names and all, in the shell's scrollback: blank it before giving the terminal back.
    private func clearForLeaving() {
        erase()
        refresh()
    }

    /// Job control (Ctrl-Z, or SIGTSTP from the shell): gives the terminal back as it was,
    /// stops the process, and when the shell continues it (`fg`) takes the terminal over
    /// again. The caller draws the whole screen afterwards.
    public func suspend() {
        guard !stopped else { return }
        BracketedPaste.disable()
        clearForLeaving()
        curs_set(1)
        endwin()
        SignalGuard.stopForJobControl()
        // Continued: curses puts the terminal back in raw mode on the next refresh.
        BracketedPaste.enable()
        wp_redraw_all()
        refresh()
    }

    public func size() -> Size {
        Size(width: Int(getmaxx(wp_stdscr())), height: Int(getmaxy(wp_stdscr())))
    }

    public func draw(_ updates: [CellUpdate]) {
        var scalars: [wchar_t] = []
        scalars.reserveCapacity(8)
        for update in updates where !update.cell.isContinuation {
            scalars.removeAll(keepingCapacity: true)
            for scalar in update.cell.symbol.unicodeScalars.prefix(Int(CCHARW_MAX) - 1) {
                scalars.append(wchar_t(bitPattern: scalar.value))
            }
            scalars.append(0)
            let (attributes, pair) = curses(update.cell.style)
            _ = wp_put_cell(Int32(update.position.y), Int32(update.position.x), scalars, attributes, pair)
        }
    }

    public func setCursor(_ position: Position?) {
        if let position {
            curs_set(1)
            move(Int32(position.y), Int32(position.x))
        } else {
            curs_set(0)
        }
    }

    public func flush() { refresh() }

    public func clear() {
        wclear(wp_stdscr())
    }

    public func readEvent(timeoutMilliseconds: Int?) -> InputEvent? {
        wtimeout(wp_stdscr(), Int32(timeoutMilliseconds ?? -1))
        var character: wint_t = 0
        let result = wget_wch(wp_stdscr(), &character)
        switch result {
        case KEY_CODE_YES:
            if Int32(character) == KEY_RESIZE { return .resize(size()) }
            return KeyDecoder.functionKey(Int32(character)).map(InputEvent.key)
        case OK where character == 27:
            return readEscapeSequence().map(InputEvent.key)
        case OK:
            return KeyDecoder.character(UInt32(character)).map(InputEvent.key)
        default:
            return nil
        }
    }

    /// After an ESC: nothing more within a few milliseconds is the Esc key; more bytes are an
    /// Alt-key, a sequence curses did not know (Ctrl-arrows in many terminals), or a
    /// bracketed paste. An Alt-key must never act as Esc followed by a letter: Esc then `y`
    /// would discard a note.
    private func readEscapeSequence() -> Key? {
        guard let next = nextCharacter(waitMilliseconds: 10) else { return .escape }
        if next == 0x1B {
            // Esc pressed twice quickly (or held): two Escapes, not a lost Alt-Esc.
            unget_wch(wchar_t(next))
            return .escape
        }
        guard next == 0x5B || next == 0x4F else {   // "[" or "O": CSI and SS3
            return KeyDecoder.alt(next)
        }
        var sequence = String(UnicodeScalar(UInt8(next)))
        while sequence.count < 16, let byte = nextCharacter(waitMilliseconds: 10) {
            sequence.append(Character(Unicode.Scalar(byte) ?? "?"))
            if (0x40...0x7E).contains(byte), sequence.count > 1 { break }
        }
        if sequence == "[200~" { return readBracketedPaste() }
        return KeyDecoder.escapeSequence(sequence)
    }

    /// Everything up to ESC [ 201 ~, as one `.paste`. Capped so a runaway paste cannot eat memory.
    private func readBracketedPaste() -> Key? {
        var scalars = String.UnicodeScalarView()
        let end = Array("\u{1B}[201~".unicodeScalars)
        var tail: [Unicode.Scalar] = []
        while scalars.count < 1_000_000, let value = nextCharacter(waitMilliseconds: 500) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            tail.append(scalar)
            if tail.count > end.count { scalars.append(tail.removeFirst()) }
            if tail == end { break }
        }
        if tail != end { scalars.append(contentsOf: tail) }
        let text = String(scalars).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return text.isEmpty ? nil : .paste(text)
    }

    private func nextCharacter(waitMilliseconds: Int32) -> UInt32? {
        wtimeout(wp_stdscr(), waitMilliseconds)
        var character: wint_t = 0
        let result = wget_wch(wp_stdscr(), &character)
        guard result == OK else { return nil }
        return UInt32(character)
    }

    private func curses(_ style: Style) -> (attr_t, Int16) {
        var attributes = wp_a_normal()
        if style.attributes.contains(.bold) { attributes |= wp_a_bold() }
        if style.attributes.contains(.dim) { attributes |= wp_a_dim() }
        if style.attributes.contains(.underline) { attributes |= wp_a_underline() }
        if style.attributes.contains(.reverse) { attributes |= wp_a_reverse() }
        let pair = colorPairs?.pair(foreground: style.foreground, background: style.background) ?? 0
        return (attributes, pair)
    }
}

/// The terminal cannot show the interactive screen; `reason` says why in words.
public struct TerminalUnavailable: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }

    static var termName: String { ProcessInfo.processInfo.environment["TERM"] ?? "" }
}

extension CursesTerminal {
    /// Why this terminal cannot show the interactive screen, or nil when it can. Asked
    /// before anything is opened, so TERM=dumb or an unknown TERM gets a sentence (and the
    /// way to the command line) instead of a garbled screen or curses' own exit.
    public static func unusableReason() -> String? {
        let term = TerminalUnavailable.termName
        switch wp_terminal_problem() {
        case 0: return nil
        case _ where term.isEmpty: return "TERM is not set, so the interactive screen cannot know the terminal"
        case 1: return "the terminal type \"\(term)\" (TERM) is not in the terminfo database"
        case 2: return "no terminfo database was found to describe the terminal \"\(term)\""
        default: return "the terminal \"\(term)\" cannot move the cursor, which the interactive screen needs"
        }
    }
}

/// What the terminfo database says of a terminal type, as ncurses reads it (`setupterm`,
/// `tigetnum`), for `waypoint doctor`: the same answer the screen would get.
public enum TerminalDescription: Equatable, Sendable {
    case unknown
    case cannotMoveCursor
    /// `colours` nil: the entry names no colours (a monochrome terminal).
    case usable(colours: Int?)

    public static func of(_ term: String) -> TerminalDescription {
        switch wp_terminal_colours(term) {
        case -2: .unknown
        case -3: .cannotMoveCursor
        case -1: .usable(colours: nil)
        case let count: .usable(colours: Int(count))
        }
    }
}

extension Locale {
    /// Wide text needs a UTF-8 locale. CI and minimal containers set none, so fall back to
    /// C.UTF-8 rather than draw mangled names.
    static func chooseUTF8() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_ALL, "C.UTF-8")
        }
    }
}

/// Asks the terminal to mark pasted text, so a paste arrives as one piece instead of as
/// thousands of keys (and Enter inside it is text, not a command).
enum BracketedPaste {
    static func enable() { send("\u{1B}[?2004h") }
    static func disable() { send("\u{1B}[?2004l") }

    private static func send(_ sequence: String) {
        FileHandle.standardOutput.write(Data(sequence.utf8))
    }
}
