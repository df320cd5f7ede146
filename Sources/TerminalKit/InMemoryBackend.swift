/// A terminal that exists only in memory: tests feed it keys and read back the screen.
public final class InMemoryBackend: TerminalBackend {
    public private(set) var screen: Buffer
    public private(set) var cursor: Position?
    public private(set) var drawCalls: [[CellUpdate]] = []
    public private(set) var flushCount = 0
    private var pending: [InputEvent]

    public init(size: Size, events: [InputEvent] = []) {
        screen = Buffer(size: size)
        pending = events
    }

    /// Queues input as if typed.
    public func enqueue(_ events: [InputEvent]) { pending += events }
    public func enqueue(keys: [Key]) { pending += keys.map(InputEvent.key) }
    public func type(_ text: String) { pending += text.map { .key(.char($0)) } }

    /// Changes the size and queues the resize event a real terminal would send.
    public func resize(to size: Size) {
        screen = Buffer(size: size)
        pending.append(.resize(size))
    }

    public var text: String { screen.text }

    public func size() -> Size { screen.size }

    public func draw(_ updates: [CellUpdate]) {
        drawCalls.append(updates)
        for update in updates where screen.area.contains(update.position) {
            screen[update.position.x, update.position.y] = update.cell
        }
    }

    public func setCursor(_ position: Position?) { cursor = position }
    public func flush() { flushCount += 1 }
    public func clear() { screen = Buffer(size: screen.size) }

    public func readEvent(timeoutMilliseconds: Int?) -> InputEvent? {
        pending.isEmpty ? nil : pending.removeFirst()
    }
}
