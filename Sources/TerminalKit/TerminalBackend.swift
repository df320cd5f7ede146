/// What a terminal library must do for Waypoint. The curses backend is the real one; the
/// in-memory backend stands in for it in tests.
public protocol TerminalBackend: AnyObject {
    /// The current size in cells.
    func size() -> Size
    /// Draws changed cells. Continuation cells (the right half of a wide character) are skipped.
    func draw(_ updates: [CellUpdate])
    /// Places the visible cursor, or hides it with nil.
    func setCursor(_ position: Position?)
    /// Makes everything drawn so far visible.
    func flush()
    /// Forgets what is on the screen, so the next frame is drawn in full.
    func clear()
    /// Waits for input up to `timeoutMilliseconds` (nil: until there is some).
    func readEvent(timeoutMilliseconds: Int?) -> InputEvent?
    /// Gives the terminal back and stops the process for the shell's job control; returns
    /// when the process is continued, with the terminal taken over again.
    func suspend()
}

extension TerminalBackend {
    /// Backends with no shell to return to (tests) carry on at once.
    public func suspend() {}
}
