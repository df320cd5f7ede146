import Foundation
import Interchange
import WaypointCore
import WaypointStore

/// The figures taken from outside, by spawning processes: start-up of the real binary in a
/// pseudo-terminal and a OneRoster import, each beside the `sqlite3` shell doing the least
/// comparable work (the floor).
extension Benchmark {
    struct Measured {
        var figures: [Figure]
        /// The `sqlite3` floor; nil when sqlite3 is not installed.
        var floor: Figure?
        var peakResidentMegabytes: Double = 0
        /// The imports' longest write-lock holds (imports only).
        var lockHolds: [LockHold] = []
        /// The screen's peak with the whole district open (start-up only).
        var districtPeakResidentMegabytes: Double = 0
        /// Reading the bundle's files once, the floor of a re-import (imports only; nil
        /// when `wc` is not installed).
        var reimportFloor: Figure?
    }

    /// How many times each process is started, at most.
    var startSamples: Int { 15 }
    var importSamples: Int { 5 }

    /// Up to `count` samples, but no more than three once they have taken 30 seconds: a
    /// start that loads a 200,000-student district is not repeated fifteen times.
    func sampled(_ count: Int, _ body: () throws -> Double) rethrows -> [Double] {
        var samples: [Double] = []
        while samples.count < count, samples.count < 3 || samples.reduce(0, +) < 30_000 {
            samples.append(try body())
        }
        return samples
    }

    /// Starts `waypoint run --exit-after-first-frame` on the database in a 120x40 terminal:
    /// process start to the first frame drawn and the program gone, on one counselor's
    /// caseload; then starts that go on to open the whole district (`c`, End, Enter: nobody
    /// starts on it, the first screen asks who is at the keyboard), for the screen's memory
    /// with it open; and a bare `sqlite3` running one query as the floor.
    func measureStartUp(databasePath: String, counselorId: Int64) throws -> Measured {
        let binary = BenchmarkProcess.ownExecutable
        var peak = 0.0
        func start(_ extra: [String]) throws -> Double {
            let run = try BenchmarkProcess.runInTerminal(binary, ["run", "--db", databasePath, "--exit-after-first-frame"] + extra,
                                                         columns: 120, rows: 40)
            guard run.status == 0 else {
                throw BenchmarkProcess.Failure(description: "waypoint run exited with \(run.status): \(run.output.suffix(500))")
            }
            peak = max(peak, run.peakResidentMegabytes)
            return run.milliseconds
        }
        let caseload = try sampled(startSamples) { try start(["--counselor", String(counselorId)]) }
        let caseloadPeak = peak
        peak = 0
        let district = try sampled(3) { try start(["--counselor", String(counselorId), "--then-open-district"]) }
        var result = Measured(figures: [
            figure("start to first frame (one caseload)", caseload),
            figure("start, then open the whole district (waypoint run)", district),
        ], peakResidentMegabytes: caseloadPeak)
        result.districtPeakResidentMegabytes = peak
        if let sqlite3 = BenchmarkProcess.onPath("sqlite3") {
            result.floor = figure("sqlite3 process, one query (start-up floor)", try sampled(startSamples) {
                let run = try BenchmarkProcess.run(sqlite3, [databasePath, "SELECT count(*) FROM student"])
                guard run.status == 0 else { throw BenchmarkProcess.Failure(description: "sqlite3 failed: \(run.output)") }
                return run.milliseconds
            })
        }
        return result
    }

    /// `waypoint student show ID` on the database, from process start to exit: the lookup a
    /// script or a counselor at a shell makes; its floor is the same bare sqlite3 process.
    func measureLookup(databasePath: String, localId: String) throws -> [Double] {
        let binary = BenchmarkProcess.ownExecutable
        return try sampled(startSamples) {
            let run = try BenchmarkProcess.run(binary, ["student", "show", localId, "--db", databasePath])
            guard run.status == 0, run.output.contains(localId) else {
                throw BenchmarkProcess.Failure(description: "waypoint student show \(localId) failed: \(run.output.suffix(500))")
            }
            return run.milliseconds
        }
    }

    /// Writes the district as a OneRoster bundle and imports it with `waypoint import
    /// oneroster` into a fresh database each time; the floor is `sqlite3` importing the same
    /// users.csv into a bare table with `.import --csv`.
    func measureImport(district: DemoDistrict, abc: ABCBatch) throws -> Measured {
        let bundle = folder.appendingPathComponent("oneroster").path
        let written = try OneRosterWriter.write(district, to: bundle, abc: abc)
        let binary = BenchmarkProcess.ownExecutable
        func fresh(_ name: String, _ index: Int) -> String {
            let path = folder.appendingPathComponent("\(name)-\(index).sqlite").path
            try? FileManager.default.removeItem(atPath: path)
            return path
        }
        var index = 0
        let imports = try sampled(importSamples) {
            index += 1
            let run = try BenchmarkProcess.run(binary, ["import", "oneroster", bundle, "--db", fresh("import", index)])
            guard run.status == 0 else { throw BenchmarkProcess.Failure(description: "waypoint import failed: \(run.output.suffix(500))") }
            return run.milliseconds
        }
        var result = Measured(figures: [figure("OneRoster import (waypoint import oneroster)", imports)])
        try measureReimport(bundle: bundle, files: written.rosterFiles, database: fresh("reimport", 0), into: &result)
        result.lockHolds = try measureLockHolds(binary: binary, bundle: bundle, rows: abc.marks.count, database: fresh("probed", 0))
        if let sqlite3 = BenchmarkProcess.onPath("sqlite3") {
            let users = URL(fileURLWithPath: bundle).appendingPathComponent("users.csv").path
            result.floor = figure("sqlite3 .import --csv users.csv (import floor)", try sampled(importSamples) {
                index += 1
                let run = try BenchmarkProcess.run(sqlite3, [fresh("floor", index), ".import --csv \(users) users"])
                guard run.status == 0, run.output.isEmpty else { throw BenchmarkProcess.Failure(description: "sqlite3 .import failed: \(run.output)") }
                return run.milliseconds
            })
        }
        return result
    }

    /// The same bundle imported again into the database it was imported into, nothing
    /// changed in between: what the nightly job that finds nothing new costs. Its floor is
    /// `wc -l` over the bundle's `files` (those the import reads): a bare process reading
    /// every byte once.
    private func measureReimport(bundle: String, files: [String], database: String, into result: inout Measured) throws {
        let binary = BenchmarkProcess.ownExecutable
        func importing(again: Bool) throws -> Double {
            let run = try BenchmarkProcess.run(binary, ["import", "oneroster", bundle, "--db", database])
            guard run.status == 0, !again || run.output.contains("total: 0 added, 0 updated, 0 deactivated") else {
                throw BenchmarkProcess.Failure(description: "waypoint import (again: \(again)) failed: \(run.output.suffix(500))")
            }
            return run.milliseconds
        }
        _ = try importing(again: false)
        result.figures.append(figure("OneRoster re-import, nothing changed", try sampled(startSamples) { try importing(again: true) }))
        guard let wc = BenchmarkProcess.onPath("wc") else { return }
        result.reimportFloor = figure("wc -l over the bundle's files (re-import floor)", try sampled(startSamples) {
            let run = try BenchmarkProcess.run(wc, ["-l"] + files)
            guard run.status == 0 else { throw BenchmarkProcess.Failure(description: "wc failed: \(run.output.suffix(500))") }
            return run.milliseconds
        })
    }

    /// One more OneRoster import into a fresh database, then `import abc abc-marks.csv` into
    /// it, each beside a ``WriteLockProbe``: the longest a counselor's save would have waited.
    private func measureLockHolds(binary: String, bundle: String, rows: Int, database: String) throws -> [LockHold] {
        _ = try AppDatabase.open(path: database)   // the probe needs the file; migrating it is not part of the hold
        func probed(_ name: String, _ arguments: [String]) throws -> LockHold {
            let probe = try WriteLockProbe(path: database)
            let run = try BenchmarkProcess.run(binary, arguments + ["--db", database])
            let longest = probe.finish()
            guard run.status == 0 else { throw BenchmarkProcess.Failure(description: "waypoint \(arguments[0]) failed: \(run.output.suffix(500))") }
            return LockHold(name: name, milliseconds: longest * 1000)
        }
        return [
            try probed("OneRoster import into an empty database", ["import", "oneroster", bundle]),
            try probed("ABC import (abc-marks.csv, \(rows) rows)",
                       ["import", "abc", URL(fileURLWithPath: bundle).appendingPathComponent("abc-marks.csv").path]),
        ]
    }
}
