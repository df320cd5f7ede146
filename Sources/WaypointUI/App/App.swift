import Foundation
import TerminalKit

/// The main loop: read an event, turn it into an action, reduce, run the effects the
/// reducer asked for, draw. One instance per terminal.
public final class App {
    public private(set) var state: AppState
    public let terminal: Terminal
    let runner: any EffectPerformer
    /// How long to wait for a key before checking for a termination request.
    public var pollMilliseconds = 250

    public init(state: AppState, terminal: Terminal, runner: any EffectPerformer) {
        self.state = state
        self.terminal = terminal
        self.runner = runner
        runner.onProgress = { [weak self] progress in
            self?.send(.progressed(progress))
            self?.render()
        }
    }

    /// Loads what the first screen needs and draws it.
    public func start() {
        state.now = runner.now()
        send(.activity(state.now))
        state.size = terminal.size
        send(.resized(terminal.size))
        dispatch(effects: [.loadStartup])
        render()
    }

    /// Runs until the counselor quits or `terminationRequested` says the process must end;
    /// `suspendRequested` says the shell asked it to stop (SIGTSTP), as Ctrl-Z does.
    public func run(terminationRequested: () -> Bool = { false }, suspendRequested: () -> Bool = { false }) {
        start()
        while !state.shouldQuit {
            if terminationRequested() {
                send(.terminate)
                break
            }
            if suspendRequested() { send(.command(.global(.suspend))) }
            guard let event = terminal.backend.readEvent(timeoutMilliseconds: pollMilliseconds) else {
                send(.tick(runner.now()))
                checkForOutsideChanges()
                // A tick can change the screen with no key pressed (the idle lock, a change
                // made in another window); the diff sends nothing when it did not.
                render()
                continue
            }
            send(.tick(runner.now()))
            // Fast typing and paste arrive together: apply them all, then run what they
            // asked for (only the last of each kind of load), and draw once.
            batching = true
            handle(event)
            var drained = 0
            while drained < 256, !state.shouldQuit,
                  let next = terminal.backend.readEvent(timeoutMilliseconds: 0) {
                handle(next)
                drained += 1
            }
            batching = false
            runPending()
            if !state.shouldQuit { render() }
        }
    }

    public func handle(_ event: InputEvent) {
        switch event {
        case .key(let key):
            send(.activity(runner.now()))
            if let action = KeyRouter.action(for: key, in: state) { send(action) }
        case .resize(let size):
            terminal.invalidate()
            send(.resized(size))
        }
    }

    public func send(_ action: Action) {
        dispatch(effects: reduce(&state, action))
    }

    /// While a batch of input is applied, effects wait here.
    private var batching = false
    private var pending: [Effect] = []

    private func runPending() {
        let effects = Effect.coalesced(pending)
        pending = []
        run(effects)
    }

    private func dispatch(effects: [Effect]) {
        if batching {
            pending += effects
            return
        }
        run(effects)
    }

    private func run(_ effects: [Effect]) {
        for effect in effects {
            if effect == .suspendProcess {
                suspend()
                continue
            }
            // Slow work shows its "loading" state before it starts.
            if effect == .loadDemoDistrict { render() }
            if case .importRoster = effect { render() }
            // The key derivation takes a moment: show "Checking…" meanwhile.
            if case .checkPassphrase = effect { render() }
            if case .summarizeStudents(let students) = effect, students.count > 2000 { render() }
            for result in runner.run(effect) { send(result) }
        }
    }

    /// How often, when idle, to ask whether another window or a command changed the database.
    public var outsideChangeInterval: TimeInterval = 0.25
    private var lastOutsideCheck = Date.distantPast

    /// Asks the store (at most every `outsideChangeInterval`) whether another window or a
    /// command wrote; if so the reducer reloads what is shown. True when something changed.
    @discardableResult
    public func checkForOutsideChanges() -> Bool {
        let now = runner.now()
        guard now.timeIntervalSince(lastOutsideCheck) >= outsideChangeInterval else { return false }
        lastOutsideCheck = now
        let results = runner.run(.checkForOutsideChanges)
        for result in results { send(result) }
        return !results.isEmpty
    }

    /// Stops for job control; once continued, draws the whole screen again at whatever size
    /// the window has now (it may have changed while stopped).
    private func suspend() {
        terminal.backend.suspend()
        terminal.invalidate()
        send(.resized(terminal.size))
        render()
    }

    @discardableResult
    public func render() -> Buffer {
        terminal.draw { buffer in RootView.render(state, into: &buffer) }
    }
}
