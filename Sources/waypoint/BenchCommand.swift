import ArgumentParser
import Foundation
import WaypointHub

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

    @Option(help: ArgumentHelp(
        "Also measure sync against a hub made on this PostgreSQL cluster: postgres://ADMIN@HOST:PORT/DATABASE, a login that "
            + "may create databases and roles. The bench makes its own database there and drops it afterwards.",
        valueName: "url"))
    var hub: String?

    @Option(name: .customLong("hub-password-file"), help: ArgumentHelp(
        "Read the --hub login's password from the first line of this file (mode 600); else PGPASSWORD, else the passfile.",
        valueName: "file"))
    var hubPasswordFile: String?

    @Flag(help: "With --hub: measure only the hub rows.")
    var hubOnly = false

    /// Fewer years of sessions per student: the hub bench's own test checks every row is
    /// produced and nothing lost, which needs the records' shape, not three years of them.
    @Option(name: .customLong("hub-years"), help: .hidden)
    var hubYears = 3

    /// Caught only to refuse it: a password on the command line is visible to every user in ps.
    @Option(name: .customLong("hub-password"), help: .hidden)
    var hubPassword: String?

    func validate() throws {
        // From 600 the district has two counselors, so the picker offers the whole district.
        guard (600...500_000).contains(students) else {
            throw ValidationError("--students must be between 600 and 500000, not \(students)")
        }
        if hubPassword != nil { throw CLIError(HubError.passwordOnCommandLine("--hub-password").description) }
        if hubOnly, hub == nil { throw ValidationError("--hub-only needs --hub URL") }
        guard (1...3).contains(hubYears) else { throw ValidationError("--hub-years must be 1, 2 or 3, not \(hubYears)") }
    }

    /// Said (and kept in the JSON's notes) when no hub was given.
    static let hubNotMeasured = "Hub sync rows not measured: add --hub postgres://ADMIN@HOST:PORT/DATABASE (a login that may "
        + "create databases and roles; its password from --hub-password-file, PGPASSWORD or the passfile) to measure them."

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waypoint-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let hubResult = try measureHub(folder: folder)
        if hubOnly, let hubResult {
            if json { return try printJSON(hubResult) }
            return Self.show(hubResult)
        }
        var result = try Benchmark(students: students, folder: folder).run()
        result.hub = hubResult
        if hubResult == nil { result.notes.append(Self.hubNotMeasured) }
        if json {
            try printJSON(result)
            return
        }
        say("Waypoint benchmark: \(result.students) students (loaded in \(String(format: "%.1f", result.loadSeconds)) s)")
        Self.show(result.figures, result.ratios)
        for hold in result.lockHolds {
            say("Longest write-lock hold, \(hold.name): \(String(format: "%.0f", hold.milliseconds)) ms "
                + "(floor \(String(format: "%.0f", hold.floorMilliseconds)) ms: a counselor's write waits at most a second; "
                + "\(String(format: "%.2f", hold.ratio))x)")
        }
        say("Goals of issue 17 (the district's are set for 200,000 students):")
        for goal in result.goals {
            let format = goal.unit == "x" ? "%.1f" : "%.0f"
            say("  \(goal.name): \(String(format: format, goal.value)) \(goal.unit) against \(String(format: format, goal.bar)) "
                + "\(goal.unit): \(goal.met ? "met" : "NOT met")")
        }
        for note in result.notes { print("Note: \(note)") }
        say("Peak resident memory of the interactive screen (waypoint run, its own VmHWM): "
            + "\(String(format: "%.0f", result.terminalPeakResidentMegabytes)) MB on one caseload, "
            + "\(String(format: "%.0f", result.terminalDistrictPeakResidentMegabytes)) MB with the whole district open")
        say("Peak resident memory of this benchmark process (holds the generated district): "
            + "\(String(format: "%.0f", result.peakResidentMegabytes)) MB")
        if let hubResult { Self.show(hubResult) }
    }

    /// The hub rows, measured first (before the bench's own district fills memory); nil without --hub.
    private func measureHub(folder: URL) throws -> HubBenchmark.Result? {
        guard let hub else { return nil }
        let address: HubAddress
        let password: String
        do {
            address = try HubAddress(parsing: hub)
            password = try HubCredentials(warn: { warn($0) }).password(for: address, passwordFile: hubPasswordFile)
        } catch {
            throw CLIError(error.description)
        }
        let benchmark = HubBenchmark(students: students, folder: folder, admin: address, password: password, years: hubYears)
        do {
            return try blocking { try await benchmark.run() }
        } catch let error as HubError {
            throw CLIError(error.description)
        }
    }

    /// The figures as a table, then each ratio.
    private static func show(_ figures: [Benchmark.Figure], _ ratios: [Benchmark.Ratio]) {
        print(TextTable.render(header: ["Path", "Samples", "p50 ms", "p95 ms", "p99 ms"], rows: figures.map {
            [$0.name, String($0.samples), String(format: "%.2f", $0.p50Milliseconds), String(format: "%.2f", $0.p95Milliseconds),
             String(format: "%.2f", $0.p99Milliseconds)]
        }), terminator: "")
        for ratio in ratios {
            say("\(ratio.name): \(String(format: "%.1f", ratio.ratio))x (p50 against p50)")
        }
    }

    private static func show(_ hub: HubBenchmark.Result) {
        say("Hub sync at \(hub.hub): \(hub.students) students, \(hub.counselors) counselors, \(hub.records.grouped) records and "
            + "\(hub.logRows.grouped) change-log rows (seeded in \(String(format: "%.1f", hub.seedSeconds)) s); "
            + "load average \(hub.loadAverageBefore) before, \(hub.loadAverageAfter) after")
        show(hub.figures, hub.ratios)
        for count in hub.statements {
            say("Statements sent to the hub, \(count.name): \(count.statements.grouped)")
        }
        say("First sync: workstation 1's caseload of \(hub.caseloadStudents) students (the floor reads the same records)")
        say("\(hub.workstations) workstations at once wrote \(hub.concurrentChanges) sessions: \(hub.lostUpdates) lost")
    }
}
