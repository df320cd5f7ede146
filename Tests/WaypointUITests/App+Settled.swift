import TerminalKit
import WaypointUI

extension App {
    /// Handles `event` as the main loop would, then waits for any background job it started
    /// (the demo, an import, a passphrase check) and applies its results, so a test looks at
    /// the state a counselor sees once the work is done. Tests of what happens *while* a job
    /// runs use `handle` and a gated performer instead (BackgroundJobTests).
    func handleSettled(_ event: InputEvent) {
        handle(event)
        finishJobs()
    }
}
