import Foundation
import Interchange
import ProcessKit
import WaypointCatalogs
import WaypointCore
import WaypointHub
import WaypointStore
import WaypointSync

/// The sync figures (docs/PERFORMANCE.md, "Sync with a hub"): a district hub of its own on
/// the PostgreSQL cluster it is given, in a throwaway database dropped afterwards, with
/// workstations syncing against it in this process and as real `waypoint sync` processes.
struct HubBenchmark {
    struct Result: Encodable {
        var hub: String
        var students: Int
        var counselors: Int
        /// Records and change-log rows at the hub once seeded.
        var records: Int
        var logRows: Int
        var seedSeconds: Double
        var figures: [Benchmark.Figure]
        var ratios: [Benchmark.Ratio]
        /// Statements (round trips) per sync, p50 over the samples.
        var statements: [Statements]
        /// Students on the caseload of the first workstation (the first-sync floor's).
        var caseloadStudents: Int
        var workstations: Int
        /// Changes written at once by the workstations, and the lost-update count (0, or the bench failed).
        var concurrentChanges: Int
        var lostUpdates: Int
        /// /proc/loadavg when the hub figures started and when they ended.
        var loadAverageBefore: String
        var loadAverageAfter: String
    }

    struct Statements: Encodable {
        var name: String
        var statements: Int
    }

    let students: Int
    let folder: URL
    /// An administrator's login to the cluster (a superuser, or a role that may create
    /// databases and roles); the bench makes and drops its own database there.
    let admin: HubAddress
    let password: String
    /// Years of sessions each student has at the hub (three unless the bench's test asks less).
    var years = 3

    /// 150 counselors for 50,000 students, scaled with the district, but at least one per
    /// workstation of the concurrent figure.
    var counselorCount: Int { max(Self.workstations, students * 150 / 50_000) }
    static let workstations = 20
    /// Queued changes in the push figure.
    static let queued = 1_000

    func run() async throws -> Result {
        let tag = String(UUID().uuidString.prefix(8).lowercased().filter(\.isHexDigit))
        let name = "waypoint_bench_\(tag)"
        var address = admin
        address.database = name
        let server = try await HubConnection.connect(admin, password: password)
        try await HubBench.createDatabase(name, on: server)
        await server.close()
        do {
            let result = try await measure(at: address, tag: tag)
            try await drop(address)
            return result
        } catch {
            try? await drop(address)
            throw error
        }
    }

    private func drop(_ address: HubAddress) async throws {
        var roles: [String] = []
        if let hub = try? await HubConnection.connect(address, password: password) {
            roles = (try? await HubBench.loginRoles(on: hub)) ?? []
            await hub.close()
        }
        let server = try await HubConnection.connect(admin, password: password)
        try await HubBench.dropDatabase(address.database, roles: roles, on: server)
        await server.close()
    }

    private func measure(at address: HubAddress, tag: String) async throws -> Result {
        let loadBefore = Self.loadAverage()
        let bench = Benchmark(students: students, folder: folder)
        let district = DemoDistrict.generate(students: students, counselors: counselorCount, seed: 11, lowerSchools: false)
        let bundle = try rosterBundle(district, tag: tag)
        let admin = try await HubConnection.connect(address, password: password)
        defer { Task { [admin] in await admin.close() } }
        _ = try await HubMigrations.migrate(admin)
        let seedStart = Date()
        _ = try await HubRosterImport.apply(bundle, source: "waypoint bench", on: admin)
        try await seedRecords(district, bundle: bundle, on: admin)
        let seedSeconds = Date().timeIntervalSince(seedStart)
        let (records, logRows) = try await HubBench.counts(on: admin)
        let unowned = try await HubBench.recordsWithoutStudent(on: admin)
        guard unowned == 0 else { throw BenchmarkProcess.Failure(description: "\(unowned) seeded records have no student at the hub") }

        // The workstations: the district's roster imported once, copied for each.
        let rosterPath = folder.appendingPathComponent("hub-roster.sqlite").path
        do { _ = try AppDatabase.open(path: rosterPath).importRoster(bundle) }
        let count = min(Self.workstations, bundle.counselors.count)
        let counselors = Array(bundle.counselors.prefix(count).map(\.sourcedId))
        var caseloads: [String: [String]] = [:]
        for row in bundle.caseloads { caseloads[row.counselorSourcedId, default: []].append(row.studentSourcedId) }
        // Each workstation shares five of its students with the next: the concurrent figure
        // checks that what one writes on them reaches the other.
        var sharedOut: [[String]] = counselors.map { Array((caseloads[$0] ?? []).prefix(5)) }
        if count < 2 { sharedOut = counselors.map { _ in [] } }
        for (index, counselor) in counselors.enumerated() where count > 1 {
            for student in sharedOut[index] {
                _ = try await HubCounselors.share(student: student, with: counselors[(index + 1) % count], by: counselor, on: admin)
            }
        }
        var workstations: [Workstation] = []
        for (index, counselor) in counselors.enumerated() {
            let secret = "bench-\(tag)-\(index)-password"
            let role = try await HubCounselors.add(.init(sourcedId: counselor, givenName: "Bench", familyName: "Counselor \(index + 1)"),
                                                   password: secret, on: admin)
            workstations.append(try Workstation(index: index, counselor: counselor, role: role, password: secret, hub: address,
                                                roster: rosterPath, folder: folder))
        }

        var figures: [Benchmark.Figure] = []
        var ratios: [Benchmark.Ratio] = []
        var statements: [Statements] = []
        func add(_ figure: Benchmark.Figure, floor: Benchmark.Figure, ratio: String) {
            figures += [figure, floor]
            ratios.append(Benchmark.Ratio(name: ratio, figure: figure.name, floor: floor.name,
                                          ratio: figure.p50Milliseconds / max(floor.p50Milliseconds, 0.001)))
        }

        // (1) First sync of each workstation: its caseload (about 300 students at 50,000)
        // with their plans and three years of sessions, from an empty checkpoint.
        var first: [Double] = []
        var firstStatements: [Int] = []
        for workstation in workstations {
            let start = DispatchTime.now().uptimeNanoseconds
            let link = try await workstation.link()
            _ = try await SyncEngine(database: workstation.database, hub: link).sync()
            first.append(Self.since(start))
            firstStatements.append(link.connection.statementsSent)
            await link.connection.close()
        }
        let caseload = caseloads[counselors[0]]?.count ?? 0
        let floorLink = try await workstations[0].link()
        let firstFloor = try await timed(5) { _ = try await HubBench.records(of: caseloads[counselors[0]] ?? [], on: admin) }
        add(bench.figure("first sync of a caseload (plans, \(years == 1 ? "1 year" : "\(years) years") of sessions)", first),
            floor: bench.figure("one query returning a caseload's records (first-sync floor)", firstFloor),
            ratio: "first sync / one query of the same records")
        statements.append(Statements(name: "first sync", statements: Self.median(firstStatements)))

        // (2) An incremental sync with nothing new, over the workstation's open connection.
        let idleBefore = floorLink.connection.statementsSent
        let idle = try await timed(20) { _ = try await SyncEngine(database: workstations[0].database, hub: floorLink).sync() }
        let idleStatements = (floorLink.connection.statementsSent - idleBefore) / idle.count
        let roundTrip = try await timed(20) { try await HubBench.roundTrip(on: floorLink.connection) }
        add(bench.figure("incremental sync, nothing new", idle), floor: bench.figure("SELECT 1 round trip (idle-sync floor)", roundTrip),
            ratio: "idle sync / one round trip")
        statements.append(Statements(name: "incremental sync, nothing new", statements: idleStatements))

        // (3) Pushing 1,000 queued changes: sessions recorded offline (each a session, its
        // topics, its note and an audit row), timed from the sync's start to the last batch
        // the workstation settled.
        var pushes: [Double] = []
        var pushFloor: [Double] = []
        var pushStatements: [Int] = []
        let mine = try workstations[0].localIds(caseloads[counselors[0]] ?? [])
        for round in 0..<3 {
            var written = 0
            while try workstations[0].database.pendingChangeCount() < Self.queued {
                try workstations[0].recordSession(mine[written % mine.count], note: "bench-\(tag)-push-\(round)-\(written)")
                written += 1
            }
            let payloads = try workstations[0].database.pendingChanges(limit: Self.queued * 2).map(\.payload)
            let settled = SettledClock()
            var engine = SyncEngine(database: workstations[0].database, hub: floorLink)
            engine.reached = { step in if case .settled = step { settled.mark(floorLink.connection.statementsSent) } }
            let before = floorLink.connection.statementsSent
            settled.start()
            _ = try await engine.sync()
            guard let (milliseconds, sent) = settled.last else { throw BenchmarkProcess.Failure(description: "the push settled nothing") }
            pushes.append(milliseconds)
            pushStatements.append(sent - before)
            pushFloor.append(try await timed(1) { try await HubBench.insertBare(payloads, on: floorLink.connection) }[0])
            guard try workstations[0].database.pendingChangeCount() == 0 else {
                throw BenchmarkProcess.Failure(description: "changes were left in the outbox after the push")
            }
            _ = round
        }
        add(bench.figure("push 1,000 queued changes", pushes),
            floor: bench.figure("one INSERT of the same 1,000 payloads (push floor)", pushFloor),
            ratio: "push / one multi-row INSERT")
        statements.append(Statements(name: "push 1,000 queued changes", statements: Self.median(pushStatements)))
        await floorLink.connection.close()

        // (4) 20 workstations at once, each a `waypoint sync` process with its own file and
        // counselor, every update counted where it must arrive.
        let solo = try (0..<5).map { _ in try workstations[0].syncProcess().wait().milliseconds }
        let concurrent = try concurrentRound(workstations, sharedOut: sharedOut, caseloads: caseloads, tag: tag, admin: admin)
        add(bench.figure("\(count) workstations syncing at once (waypoint sync each, \(concurrent.lost) lost)", concurrent.times),
            floor: bench.figure("one waypoint sync process alone, nothing new (concurrent floor)", solo),
            ratio: "\(count) at once / one alone")
        return Result(hub: "\(address.host):\(address.port)", students: students, counselors: bundle.counselors.count,
                      records: records, logRows: logRows, seedSeconds: seedSeconds, figures: figures, ratios: ratios,
                      statements: statements, caseloadStudents: caseload, workstations: count, concurrentChanges: concurrent.written,
                      lostUpdates: concurrent.lost, loadAverageBefore: loadBefore, loadAverageAfter: Self.loadAverage())
    }

    /// Every workstation records ten sessions offline, five on its own students it shares with
    /// the next workstation and five on those the previous one shares with it; then all sync
    /// at once, twice (the second round brings what others pushed after one had pulled).
    /// Lost: a note missing at the hub or on a workstation that may see it, a change left
    /// waiting or refused. Any loss fails the bench.
    private func concurrentRound(_ workstations: [Workstation], sharedOut: [[String]], caseloads: [String: [String]],
                                 tag: String, admin: HubConnection) throws -> (times: [Double], written: Int, lost: Int) {
        let count = workstations.count
        let marker = "bench-\(tag)-at-once-"
        var writes: [(writer: Int, student: String)] = []
        for (index, workstation) in workstations.enumerated() {
            let own = sharedOut[index].isEmpty ? Array((caseloads[workstation.counselor] ?? []).prefix(5)) : sharedOut[index]
            let targets = own + (count > 1 ? sharedOut[(index + count - 1) % count] : [])
            for (number, student) in targets.enumerated() {
                try workstation.recordSession(try workstation.localIds([student])[0], note: "\(marker)w\(index)-\(number)")
                writes.append((index, student))
            }
        }
        func round() throws -> [Double] {
            let running = try workstations.map { try $0.syncProcess() }
            return try running.map { try $0.wait().milliseconds }
        }
        let times = try round()
        _ = try round()
        var lost = 0
        let atHub = try blocking { try await HubBench.notes(containing: marker, on: admin) }
        lost += abs(writes.count - atHub)
        for (index, workstation) in workstations.enumerated() {
            let visible = Set((caseloads[workstation.counselor] ?? []) + (count > 1 ? sharedOut[(index + count - 1) % count] : []))
            let expected = writes.filter { visible.contains($0.student) }.count
            var found = 0
            for student in Set(writes.map(\.student)).intersection(visible) {
                found += try workstation.database.sessions(studentId: try workstation.localIds([student])[0], viewerId: nil)
                    .filter { $0.session.note.hasPrefix(marker) }.count
            }
            lost += abs(expected - found)
            let status = try workstation.database.syncStatus()
            lost += status.waiting + status.refused
        }
        if lost > 0 {
            throw BenchmarkProcess.Failure(description: "\(lost) updates were lost or left behind when \(count) workstations synced "
                + "at once (\(atHub) of \(writes.count) notes reached the hub); the hub database was dropped")
        }
        return (times, writes.count, lost)
    }

    // MARK: - The district at the hub

    /// The district as a OneRoster bundle, its counselors given this run's own ids: their login
    /// roles belong to the whole server, so two runs (or a run and a test) never share one.
    private func rosterBundle(_ district: DemoDistrict, tag: String) throws -> RosterBundle {
        let directory = folder.appendingPathComponent("hub-oneroster")
        _ = try OneRosterWriter.write(district, to: directory.path)
        var bundle = try RosterReader.read(directory).bundle
        func renamed(_ id: String) -> String { "bench\(tag)-\(id)" }
        for index in bundle.counselors.indices { bundle.counselors[index].sourcedId = renamed(bundle.counselors[index].sourcedId) }
        for index in bundle.caseloads.indices {
            bundle.caseloads[index].counselorSourcedId = renamed(bundle.caseloads[index].counselorSourcedId)
        }
        return bundle
    }

    /// Every student's plan and three years of sessions, as the workstations' pushes would
    /// have left them at the hub. The records of a dozen template students are written on a
    /// real workstation (the store's own writes and capture triggers make the payloads), then
    /// repeated for every student with its own ids, student and counselor, and written in bulk.
    private func seedRecords(_ district: DemoDistrict, bundle: RosterBundle, on admin: HubConnection) async throws {
        let templates = try SeedTemplate.make(count: min(12, district.students.count), years: years, folder: folder)
        var counselorOf: [String: String] = [:]
        for row in bundle.caseloads { counselorOf[row.studentSourcedId] = row.counselorSourcedId }
        var tables: [String] = [], uids: [String] = [], payloads: [String] = []
        func flush() async throws {
            guard !tables.isEmpty else { return }
            try await HubBench.seed(tables: tables, uids: uids, payloads: payloads, on: admin)
            tables.removeAll(keepingCapacity: true)
            uids.removeAll(keepingCapacity: true)
            payloads.removeAll(keepingCapacity: true)
        }
        for (index, student) in bundle.students.enumerated() {
            guard let counselor = counselorOf[student.sourcedId] else { continue }
            for record in templates[index % templates.count].render(student: student.sourcedId, counselor: counselor) {
                tables.append(record.table)
                uids.append(record.uid)
                payloads.append(record.payload)
            }
            if tables.count >= 20_000 { try await flush() }
        }
        try await flush()
    }

    // MARK: - Helpers

    private func timed(_ count: Int, _ body: () async throws -> Void) async throws -> [Double] {
        var samples: [Double] = []
        for _ in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            try await body()
            samples.append(Self.since(start))
        }
        return samples
    }

    static func since(_ start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000 }

    static func median(_ values: [Int]) -> Int { values.isEmpty ? 0 : values.sorted()[values.count / 2] }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
    }
}

/// When the last push batch was settled, and how many statements had been sent by then.
private final class SettledClock: @unchecked Sendable {
    private let lock = NSLock()
    private var started: UInt64 = 0
    private var settled: (Double, Int)?

    func start() { lock.withLock { started = DispatchTime.now().uptimeNanoseconds; settled = nil } }

    func mark(_ statements: Int) {
        lock.withLock { settled = (HubBenchmark.since(started), statements) }
    }

    var last: (Double, Int)? { lock.withLock { settled } }
}

/// One counselor's workstation in the benchmark: a copy of the roster database, joined to the
/// hub as the counselor's own login, with its password in a 0600 file beside it.
private struct Workstation {
    let index: Int
    let counselor: String
    let database: AppDatabase
    let path: String
    let address: HubAddress
    let password: String
    let counselorId: Int64

    init(index: Int, counselor: String, role: String, password: String, hub: HubAddress, roster: String, folder: URL) throws {
        self.index = index
        self.counselor = counselor
        self.password = password
        var address = hub
        address.user = role
        self.address = address
        path = folder.appendingPathComponent("workstation-\(index).sqlite").path
        try FileManager.default.copyItem(atPath: roster, toPath: path)
        let passwordFile = folder.appendingPathComponent("workstation-\(index).password").path
        guard FileManager.default.createFile(atPath: passwordFile, contents: Data((password + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw BenchmarkProcess.Failure(description: "cannot write \(passwordFile)")
        }
        database = try AppDatabase.open(path: path)
        guard let id = try database.allCounselors().first(where: { $0.sourcedId == counselor })?.id else {
            throw BenchmarkProcess.Failure(description: "counselor \(counselor) is not in the workstation's roster")
        }
        counselorId = id
        try database.joinHub(url: address.description, counselorId: id)
        try database.setHubPasswordFile(passwordFile)
    }

    func link() async throws -> PostgresHubLink {
        try await PostgresHubLink(connection: try await HubConnection.connect(address, password: password))
    }

    func localIds(_ sourcedIds: [String]) throws -> [Int64] {
        try sourcedIds.map { sourcedId in
            guard let id = try database.student(sourcedId: sourcedId)?.id else {
                throw BenchmarkProcess.Failure(description: "student \(sourcedId) is not on workstation \(index + 1)")
            }
            return id
        }
    }

    func recordSession(_ studentId: Int64, note: String) throws {
        _ = try database.recordSession(AdvisingSession(studentId: studentId, authorId: counselorId, startedAt: Date(),
                                                       durationMinutes: 15, kind: "academic", topics: ["schedule"], note: note))
    }

    /// `waypoint sync --db FILE` started now; the password comes from the file kept at join
    /// (PGPASSWORD and PGPASSFILE, the administrator's, are not passed on).
    func syncProcess() throws -> Running {
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = nil
        environment["PGPASSFILE"] = nil
        let output = path + ".log"
        let start = DispatchTime.now().uptimeNanoseconds
        let pid = try ProcessKit.spawn(BenchmarkProcess.ownExecutable, ["sync", "--db", path, "--json"], environment: environment,
                                       actions: [.open(0, path: "/dev/null", flags: O_RDONLY),
                                                 .open(1, path: output, flags: O_WRONLY | O_CREAT | O_TRUNC), .duplicate(1, to: 2)])
        return Running(pid: pid, start: start, output: output, index: index)
    }

    struct Running {
        let pid: pid_t
        let start: UInt64
        let output: String
        let index: Int

        func wait() throws -> ProcessKit.Termination {
            let termination = ProcessKit.wait(pid, timeout: 600, startedAt: start)
            guard termination.status == 0 else {
                let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
                throw BenchmarkProcess.Failure(description: "waypoint sync of workstation \(index + 1) exited with "
                    + "\(termination.status): \(text.suffix(500))")
            }
            return termination
        }
    }
}
