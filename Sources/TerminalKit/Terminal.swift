/// Draws frames through a backend, sending only the cells that changed since the last one.
public final class Terminal {
    public let backend: TerminalBackend
    private var previous: Buffer?
    /// How many cells the last frame sent: the diff at work, visible to tests and benchmarks.
    public private(set) var lastUpdateCount = 0

    public init(backend: TerminalBackend) {
        self.backend = backend
    }

    public var size: Size { backend.size() }

    /// Renders a frame: `render` draws into a fresh buffer of the current size and returns
    /// where the text cursor belongs (nil hides it); the changes against the previous frame
    /// go to the backend.
    @discardableResult
    public func draw(_ render: (inout Buffer) -> Position?) -> Buffer {
        var buffer = Buffer(size: backend.size())
        let cursor = render(&buffer)
        present(buffer, cursor: cursor)
        return buffer
    }

    public func present(_ buffer: Buffer, cursor: Position? = nil) {
        let updates: [CellUpdate]
        if let previous, previous.size == buffer.size {
            updates = buffer.updates(since: previous)
        } else {
            backend.clear()
            updates = buffer.updates(since: Buffer(size: .init(width: 0, height: 0)))
        }
        lastUpdateCount = updates.count
        if !updates.isEmpty { backend.draw(updates) }
        backend.setCursor(cursor)
        backend.flush()
        previous = buffer
    }

    /// Drops the memory of the last frame, e.g. after a resize or when another program drew.
    public func invalidate() {
        previous = nil
    }
}
