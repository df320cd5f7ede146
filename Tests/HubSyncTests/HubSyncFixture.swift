import Foundation
import GRDB
import HubTestSupport
import Interchange
import SyncTestSupport
@testable import WaypointCore
@testable import WaypointHub
@testable import WaypointStore
@testable import WaypointSync
import XCTest

/// A hub database on the test cluster with HubRoster's district imported (counselor A has
/// U1 and U2, B has U3 and U4), both counselors with logins, and workstations: SQLite
/// databases that imported the same roster and joined the hub as one counselor each.
final class HubDistrict: @unchecked Sendable {
    let hub: TestHub
    let roster: HubRoster
    let bundle: RosterBundle
    /// Login role and password by counselor sourcedId.
    private(set) var logins: [String: (role: String, password: String)] = [:]

    private init(hub: TestHub, roster: HubRoster, bundle: RosterBundle) {
        self.hub = hub
        self.roster = roster
        self.bundle = bundle
    }

    static func make() async throws -> HubDistrict {
        let hub = try await HubCluster.shared().makeDatabase().initialized()
        let roster = try HubRoster(tag: token())
        let bundle = try RosterReader.read(roster.url).bundle
        let district = HubDistrict(hub: hub, roster: roster, bundle: bundle)
        let admin = try await hub.connect()
        _ = try await HubRosterImport.apply(bundle, source: "roster", on: admin)
        for (sourcedId, given) in [(roster.a, "Maria"), (roster.b, "Jo")] {
            let password = "password-\(sourcedId)"
            let role = try await HubCounselors.add(.init(sourcedId: sourcedId, givenName: given, familyName: "Test"),
                                                   password: password, on: admin)
            district.logins[sourcedId] = (role, password)
        }
        await admin.close()
        return district
    }

    func drop() async throws { try await hub.drop() }

    /// The hub as its administrator (roster, caseloads, shares).
    func admin<T>(_ body: (HubConnection) async throws -> T) async throws -> T {
        let connection = try await hub.connect()
        do {
            let value = try await body(connection)
            await connection.close()
            return value
        } catch {
            await connection.close()
            throw error
        }
    }

    /// A connection and link as `counselor`'s own role.
    func link(as counselor: String) async throws -> PostgresHubLink {
        let login = try XCTUnwrap(logins[counselor])
        // A statement on a connection whose server was killed can wait forever; the
        // deadline turns it into "working offline" within the test's patience.
        let connection = try await HubConnection.connect(hub.address(as: login.role), password: login.password,
                                                         queryTimeout: .seconds(10))
        return try await PostgresHubLink(connection: connection)
    }

    /// `psql` as `counselor`'s login role.
    func psql(_ sql: String, as counselor: String) throws -> (status: Int32, out: String, err: String) {
        let login = try XCTUnwrap(logins[counselor])
        return try hub.psql(sql, as: login.role, password: login.password)
    }

    /// A workstation of `counselor`: the roster imported, joined to the hub as the
    /// counselor's own role, a link open. In memory, or in a file at `path` (for the
    /// tests that run `waypoint sync` on it).
    func workstation(_ counselor: String, path: String? = nil,
                     clock: @escaping @Sendable () -> Date = { Date() }) async throws -> HubWorkstation {
        let database = try path.map { try AppDatabase.open(path: $0) } ?? AppDatabase.inMemory()
        try database.importRoster(bundle)
        let local = try XCTUnwrap(try database.allCounselors().first { $0.sourcedId == counselor })
        let login = try XCTUnwrap(logins[counselor])
        try database.joinHub(url: hub.address(as: login.role).description, counselorId: local.id!)
        let workstation = HubWorkstation(district: self, database: database, counselorId: local.id!, sourcedId: counselor, clock: clock)
        try await workstation.reconnect()
        return workstation
    }
}

/// One counselor's workstation: its SQLite database and a sync engine over a PostgreSQL link.
final class HubWorkstation: @unchecked Sendable {
    let district: HubDistrict
    let database: AppDatabase
    let counselorId: Int64
    let sourcedId: String
    let clock: @Sendable () -> Date
    private(set) var link: PostgresHubLink!

    init(district: HubDistrict, database: AppDatabase, counselorId: Int64, sourcedId: String, clock: @escaping @Sendable () -> Date) {
        self.district = district
        self.database = database
        self.counselorId = counselorId
        self.sourcedId = sourcedId
        self.clock = clock
    }

    /// A new connection (after the hub restarted, the old one is gone).
    func reconnect() async throws {
        if let link { await link.connection.close() }
        link = try await district.link(as: sourcedId)
    }

    func close() async { await link?.connection.close() }

    func engine() -> SyncEngine { SyncEngine(database: database, hub: link, clock: clock) }

    @discardableResult
    func sync() async throws -> SyncReport { try await engine().sync() }

    func studentId(_ sourcedId: String) throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM student WHERE sourcedId = ?", arguments: [sourcedId])! }
    }

    func milestone(_ student: String, _ milestoneId: String) throws -> MilestoneStatus? {
        try database.plan(studentId: try studentId(student)).milestones.first { $0.milestoneId == milestoneId }?.status
    }

    func setMilestone(_ student: String, _ milestoneId: String, _ status: MilestoneStatus) throws {
        try database.setMilestone(MilestoneRecord(studentId: try studentId(student), milestoneId: milestoneId, status: status),
                                  today: CivilDate(year: 2026, month: 12, day: 3), by: counselorId)
    }

    func recordSession(_ student: String, note: String, topics: [String] = ["FAFSA"], startedAt: Date = Date()) throws {
        try database.recordSession(AdvisingSession(studentId: try studentId(student), authorId: counselorId, startedAt: startedAt,
                                                   durationMinutes: 20, kind: "college", topics: topics, note: note))
    }

    func notes(_ student: String) throws -> [String] {
        try database.sessions(studentId: try studentId(student), viewerId: counselorId).map(\.session.note)
    }
}

/// One table's records of one student, on a workstation and at the hub, by uid.
struct StudentRecords {
    var table: String
    var student: String
    var mine: [String: [String: SyncPayload.Value]]
    var theirs: [String: [String: SyncPayload.Value]]
}

extension HubWorkstation {
    /// Every synced table's records of `students` here and at `hub` (audit events aside:
    /// each workstation keeps its own), to compare.
    func records(of students: [String], at hub: HubConnection) async throws -> [StudentRecords] {
        var all: [StudentRecords] = []
        for student in students {
            for table in SyncTable.all where table.name != "audit_event" {
                let rows = try await hub.query("""
                    SELECT uid, payload::text FROM waypoint.synced_record WHERE table_name = \(table.name) AND student = \(student)
                    """)
                var theirs: [String: [String: SyncPayload.Value]] = [:]
                for row in rows {
                    let (uid, payload) = try row.decode((String, String).self)
                    theirs[uid] = SyncPayload(payload)?.values
                }
                let mine = try database.read { db in
                    try SyncRows.payloads(db, table: table.name, student: student).compactMapValues { SyncPayload($0)?.values }
                }
                all.append(StudentRecords(table: table.name, student: student, mine: mine, theirs: theirs))
            }
        }
        return all
    }
}
