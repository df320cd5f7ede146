import ArgumentParser
import Foundation

/// `waypoint bench`: the figures behind "instant", measured on a generated district.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the interactive paths on a generated district (in a temporary folder) and print the figures.",
        discussion: "Build with `swift build -c release` first: debug builds are several times slower.")

    @Option(help: "How many students the generated district has.")
    var students = 50_000

    @Flag(help: "JSON for scripts.")
    var json = false

    func validate() throws {
        // From 600 the district has two counselors, so the picker offers the whole district.
        guard (600...500_000).contains(students) else {
            throw ValidationError("--students must be between 600 and 500000, not \(students)")
        }
    }

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Benchmark(students: students, folder: folder).run()
        if json {
            try printJSON(result)
            return
        }
        say("Waypoint benchmark: \(result.students) students (loaded in \(String(format: "%.1f", result.loadSeconds)) s)")
        print(TextTable.render(header: ["Path", "Samples", "p50 ms", "p95 ms", "p99 ms"], rows: result.figures.map {
            [$0.name, String($0.samples), String(format: "%.2f", $0.p50Milliseconds), String(format: "%.2f", $0.p95Milliseconds),
             String(format: "%.2f", $0.p99Milliseconds)]
        }), terminator: "")
        for ratio in result.ratios {
            say("\(ratio.name): \(String(format: "%.1f", ratio.ratio))x (p50 against p50)")
        }
        for hold in result.lockHolds {
            say("Longest write-lock hold, \(hold.name): \(String(format: "%.0f", hold.milliseconds)) ms "
                + "(floor \(String(format: "%.0f", hold.floorMilliseconds)) ms: a counselor's write waits at most a second; "
                + "\(String(format: "%.2f", hold.ratio))x)")
        }
        for note in result.notes { print("Note: \(note)") }
        say("Peak resident memory of the interactive screen (waypoint run, its own VmHWM): "
            + "\(String(format: "%.0f", result.terminalPeakResidentMegabytes)) MB on one caseload, "
            + "\(String(format: "%.0f", result.terminalDistrictPeakResidentMegabytes)) MB with the whole district open")
        say("Peak resident memory of this benchmark process (holds the generated district): "
            + "\(String(format: "%.0f", result.peakResidentMegabytes)) MB")
    }
}
