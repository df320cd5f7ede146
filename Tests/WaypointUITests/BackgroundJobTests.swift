import Foundation
import Interchange
import TerminalKit
import WaypointCore
import WaypointStore
import XCTest
@testable import WaypointEffects
@testable import WaypointUI

/// Long work (the demo, a roster import) runs off the main loop: keys are handled while it
/// runs, its progress reaches the screen, and Esc stops it with nothing written. The job is
/// held at a gate the test opens, so nothing here depends on timing.
final class BackgroundJobTests: XCTestCase {
    /// Delegates to the real runner; a background job first reports where it is and then
    /// waits at `gate` until the test lets it go.
    private final class GatedPerformer: EffectPerformer, @unchecked Sendable {
        let runner: EffectRunner
        let gate = DispatchSemaphore(value: 0)
        let reachedGate = DispatchSemaphore(value: 0)
        var onProgress: ((JobProgress) -> Void)? {
            get { runner.onProgress }
            set { runner.onProgress = newValue }
        }

        init(runner: EffectRunner) { self.runner = runner }

        func run(_ effect: Effect) -> [Action] { runner.run(effect) }
        func now() -> Date { runner.now() }

        func runInBackground(_ effect: Effect, job: JobControl) -> [Action] {
            job.report(JobProgress(done: 1, total: 4))
            reachedGate.signal()
            gate.wait()
            return runner.runInBackground(effect, job: job)
        }
    }

    private func makeApp() throws -> (App, InMemoryBackend, GatedPerformer, AppDatabase) {
        let database = try AppDatabase.inMemory()
        let size = Size(width: 80, height: 24)
        let backend = InMemoryBackend(size: size)
        let performer = GatedPerformer(runner: EffectRunner(database: database, demoSize: (students: 60, counselors: 2, seed: 7)))
        let app = App(state: AppState(size: size), terminal: Terminal(backend: backend), runner: performer)
        app.start()
        return (app, backend, performer, database)
    }

    private func waitForGate(_ performer: GatedPerformer) {
        XCTAssertEqual(performer.reachedGate.wait(timeout: .now() + 60), .success, "the job never started")
    }

    func testKeysAreHandledWhileTheDemoLoadsAndProgressIsShown() throws {
        let (app, backend, performer, _) = try makeApp()
        app.handle(.key(.char("d")))
        waitForGate(performer)
        // The job is stuck at the gate: these keys are handled now, not after it.
        XCTAssertTrue(app.deliverJobResults(), "the job's first progress report")
        app.render()
        XCTAssertTrue(backend.text.contains("Loading the demo district…"), backend.text)
        XCTAssertTrue(backend.text.contains("1 of 4"), backend.text)
        XCTAssertTrue(backend.text.contains("Esc or q stops it"), backend.text)
        XCTAssertTrue(backend.screen.line(23).contains("Stop"), backend.screen.line(23))

        app.handle(.key(.char("d")))
        app.render()
        XCTAssertTrue(backend.text.contains("Wait for the current work to finish"), "a second demo is refused while one runs: \(backend.text)")
        app.handle(.key(.char("?")))
        app.render()
        XCTAssertEqual(app.state.overlay, .help, "help opens while the demo loads")
        app.handle(.key(.escape))
        XCTAssertNil(app.state.overlay, "Esc closed help and did not stop the demo")

        performer.gate.signal()
        app.finishJobs()
        app.render()
        XCTAssertTrue(backend.text.contains("Demo district loaded: 60 students, 2 counselors."), backend.text)
    }

    func testEscStopsTheDemoAndNothingIsWritten() throws {
        let (app, backend, performer, database) = try makeApp()
        app.handle(.key(.char("d")))
        waitForGate(performer)
        app.handle(.key(.escape))
        app.render()
        XCTAssertTrue(backend.text.contains("Stopping… nothing will be written."), backend.text)
        XCTAssertFalse(app.state.shouldQuit, "Esc stops the work, not Waypoint")

        performer.gate.signal()
        app.finishJobs()
        app.render()
        XCTAssertTrue(backend.text.contains("Demo not loaded: stopped before anything was written."), backend.text)
        XCTAssertTrue(try database.isEmpty())
        XCTAssertEqual(try database.studentCount(), 0)
        XCTAssertFalse(app.state.isBusy)
        XCTAssertEqual(Keymaps.welcome.hints(for: app.state).map(\.title), ["Load demo district", "Import roster", "Help", "Quit"],
                       "idle again: d and i work and q quits")
    }

    func testEscStopsARosterImportAndNothingIsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-job-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Stopped while its files are read (a stop while the rows are applied rolls back:
        // OneRosterWriterTests.testAStopWhileReadingOrApplyingLeavesNothing).
        _ = try OneRosterWriter.write(DemoDistrict.generate(students: 1500, counselors: 2, seed: 3), to: folder.path)

        let (app, backend, performer, database) = try makeApp()
        app.handle(.key(.char("i")))
        for character in folder.path { app.handle(.key(.char(character))) }
        app.handle(.key(.enter))
        waitForGate(performer)
        app.handle(.key(.escape))
        performer.gate.signal()
        app.finishJobs()
        app.render()
        XCTAssertTrue(backend.text.contains("Import stopped: nothing was written."), backend.text)
        XCTAssertEqual(try database.studentCount(), 0)
    }
}
