import Foundation
import Interchange
import WaypointCore

/// The figures taken from outside, by spawning processes: start-up of the real binary in a
/// pseudo-terminal and a OneRoster import, each beside the `sqlite3` shell doing the least
/// comparable work (the floor).
extension Benchmark {
    struct Measured {
        var figures: [Figure]
        /// The `sqlite3` floor; nil when sqlite3 is not installed.
        var floor: Figure?
        var peakResidentMegabytes: Double = 0
        /// The screen's peak with the whole district open (start-up only).
        var districtPeakResidentMegabytes: Double = 0
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

    /// Writes the district as a OneRoster bundle and imports it with `waypoint import
    /// oneroster` into a fresh database each time; the floor is `sqlite3` importing the same
    /// users.csv into a bare table with `.import --csv`.
    func measureImport(district: DemoDistrict, abc: ABCBatch) throws -> Measured {
        let bundle = folder.appendingPathComponent("oneroster").path
        _ = try OneRosterWriter.write(district, to: bundle, abc: abc)
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
}
