import Foundation
import TerminalKit
import WaypointCore
import WaypointStore
import WaypointEffects
import WaypointUI

/// The work issue 16 added to a counselor's day, measured as the screen does it: a senior's
/// profile with guardians, test results and a college list; the to-do list of a large
/// caseload; a report over the whole district. Each is a key pressed in the real app,
/// timed to the frame drawn, with the store, reducer, effects and renderer of the screen.
extension Benchmark {
    /// The size of caseload the issue names for the to-do list: a counselor with 450 students.
    static let largeCaseload = 450

    func measureCounselingDay(database db: AppDatabase, runner: EffectRunner) throws -> [Figure] {
        var figures: [Figure] = []
        figures.append(figure("open a senior's profile (guardians, tests, colleges)", try openSeniorProfiles(db, runner)))
        figures.append(figure("to-do list of a \(Self.largeCaseload)-student caseload (t)", try openLargeTodo(db, runner)))
        figures.append(figure("report over the whole district (r, coverage by counselor)", try openDistrictReport(db, runner)))
        return figures
    }

    /// A screen of its own on `counselorId`'s caseload, as `waypoint run --counselor` starts,
    /// with counselor 1 at the keyboard (the bench's other screens' user, who is not asked
    /// for a passphrase).
    private func screen(_ runner: EffectRunner, counselorId: Int64) -> App {
        let backend = InMemoryBackend(size: Size(width: 120, height: 40))
        var state = AppState(size: backend.size(), caseloadOwnerId: counselorId)
        state.userId = 1
        state.catalogs = runner.catalogs
        let app = App(state: state, terminal: Terminal(backend: backend), runner: runner)
        app.start()
        app.afterFrame()
        return app
    }

    /// Up to 30 seniors of counselor 1 who have a guardian, a test result and a college on
    /// their list, each opened from the caseload (Enter) and left (q).
    private func openSeniorProfiles(_ db: AppDatabase, _ runner: EffectRunner) throws -> [Double] {
        let app = screen(runner, counselorId: 1)
        var targets: [Int] = []
        for (index, row) in app.state.caseload.rows.enumerated() where row.student.grade.rawValue == 12 {
            guard targets.count < 30, let id = row.student.id else { continue }
            if try !db.contacts(studentId: id).isEmpty, try !db.assessmentResults(studentId: id).isEmpty,
               try !db.collegeApplications(studentId: id).isEmpty {
                targets.append(index)
            }
        }
        guard !targets.isEmpty else {
            throw BenchmarkProcess.Failure(description: "the benchmark's district has no senior with guardians, tests and colleges")
        }
        return try targets.map { target in
            while app.state.caseload.table.selected < target { app.handle(.key(.char("j"))) }
            let sample = time { app.handle(.key(.enter)); app.render() }
            guard let data = app.state.profile?.data, !data.contacts.isEmpty, !data.testResults.isEmpty, !data.applications.isEmpty else {
                throw BenchmarkProcess.Failure(description: "the benchmark did not open a senior's whole profile")
            }
            app.handle(.key(.char("q")))
            return sample
        }
    }

    /// A counselor given the first 450 students of the district, then `t` on their caseload.
    private func openLargeTodo(_ db: AppDatabase, _ runner: EffectRunner) throws -> [Double] {
        let counselor = try db.insertCounselor(Counselor(givenName: "Bench", familyName: "Caseload",
                                                         email: "bench.caseload@waypoint-bench.org"))
        guard let counselorId = counselor.id else { throw BenchmarkProcess.Failure(description: "the bench counselor has no ID") }
        for entry in try db.caseload(counselorId: nil).prefix(Self.largeCaseload) {
            try db.assign(studentId: entry.student.id!, toCounselorId: counselorId)
        }
        let app = screen(runner, counselorId: counselorId)
        guard app.state.caseload.rows.count == Self.largeCaseload else {
            throw BenchmarkProcess.Failure(description: "the bench caseload has \(app.state.caseload.rows.count) students, "
                + "not \(Self.largeCaseload)")
        }
        return try (0..<10).map { _ in
            let sample = time { app.handle(.key(.char("t"))); app.render() }
            guard app.state.screens.last == .tasks, app.state.tasks?.loadedRows.isEmpty == false else {
                throw BenchmarkProcess.Failure(description: "the benchmark's to-do list did not open with rows: "
                    + "\(app.state.screens.last.map { "\($0)" } ?? "no screen"), \(app.state.tasks?.loadedRows.count ?? -1) rows, "
                    + "\(app.state.status?.text ?? "")")
            }
            app.handle(.key(.char("q")))
            return sample
        }
    }

    /// "All students in the district" (c, End, Enter), then `r`: the first report, over every
    /// active student, as a leader opens it.
    private func openDistrictReport(_ db: AppDatabase, _ runner: EffectRunner) throws -> [Double] {
        let app = screen(runner, counselorId: 1)
        for key in [Key.char("c"), .end, .enter] { app.handle(.key(key)) }
        guard app.state.caseloadOwnerId == nil else {
            throw BenchmarkProcess.Failure(description: "the benchmark did not reach the whole district for the report")
        }
        return try sampled(5) {
            let sample = time { app.handle(.key(.char("r"))); app.render() }
            guard app.state.screens.last == .reports, app.state.reports?.report != nil else {
                throw BenchmarkProcess.Failure(description: "the benchmark's district report did not open")
            }
            app.handle(.key(.char("q")))
            return sample
        }
    }
}
