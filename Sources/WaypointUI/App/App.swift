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

    /// Background jobs' results, delivered by the main loop between keys.
    private let jobs = JobInbox()

    /// Loads what the first screen needs and draws it.
    /// What waits for a frame and not for the next key: the rest of a caseload whose page on
    /// screen was summarized for the frame (issue 17). Drawn again only if there was any.
    public func afterFrame() {
        guard state.caseload.restWaitsForAFrame else { return }
        send(.frameDrawn)
        render()
    }

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
        afterFrame()
        while !state.shouldQuit {
            if terminationRequested() {
                send(.terminate)
                break
            }
            if suspendRequested() { send(.command(.global(.suspend))) }
            // While a job runs, look for its results often; idle, wait for a key.
            let timeout = jobs.isIdle ? pollMilliseconds : min(pollMilliseconds, 30)
            guard let event = terminal.backend.readEvent(timeoutMilliseconds: timeout) else {
                deliverJobResults()
                send(.tick(runner.now()))
                checkForOutsideChanges()
                // A tick can change the screen with no key pressed (the idle lock, a change
                // made in another window); the diff sends nothing when it did not.
                render()
                afterFrame()
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
            deliverJobResults()
            if !state.shouldQuit {
                render()
                afterFrame()
            }
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
            if effect == .cancelJobs {
                jobs.cancelAll()
                continue
            }
            if effect.runsInBackground {
                startJob(effect)
                continue
            }
            if case .summarizeStudents(let students) = effect, students.count > 2000 { render() }
            for result in runner.run(effect) { send(result) }
        }
    }

    /// Runs `effect` on a worker thread; its progress and result reach the state through
    /// the main loop (`deliverJobResults`), never from the worker itself.
    private func startJob(_ effect: Effect) {
        // The "loading" or "checking" state is on screen before the work starts.
        render()
        let inbox = jobs
        let control = JobControl(progress: { inbox.post([.progressed($0)]) })
        inbox.started(control)
        let box = PerformerBox(performer: runner)
        DispatchQueue.global(qos: .userInitiated).async {
            inbox.finish(control, with: box.performer.runInBackground(effect, job: control))
        }
    }

    /// Applies what background jobs reported since the last look. True when there was any.
    @discardableResult
    public func deliverJobResults() -> Bool {
        let results = jobs.take()
        for action in results { send(action) }
        return !results.isEmpty
    }

    /// Waits for every background job to end and applies its results: for tests and the
    /// benchmark, which drive the app key by key and look at the state after each.
    public func finishJobs(seconds: Double = 120) {
        repeat {
            jobs.waitUntilIdle(seconds: seconds)
            deliverJobResults()
        } while !jobs.isIdle
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
