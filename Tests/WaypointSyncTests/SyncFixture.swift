import Foundation
import Interchange
import WaypointCore
@testable import WaypointStore
@testable import WaypointSync
import WaypointSyncTesting

/// A small district as OneRoster, and workstations that imported it, each joined to one
/// model hub as its own counselor.
struct SyncFixture {
    let bundle: RosterBundle
    let hub: ModelHub
    /// Counselors' sourcedIds, in a fixed order.
    let counselors: [String]
    /// Each counselor's caseload at the start, by student sourcedId.
    let caseloads: [String: [String]]

    static func make(students: Int = 9, counselors: Int = 3, seed: UInt64 = 1) throws -> SyncFixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try OneRosterWriter.write(DemoDistrict.generate(students: students, counselors: counselors, seed: seed), to: folder.path)
        let bundle = try RosterReader.read(folder).bundle
        let probe = try AppDatabase.inMemory()
        try probe.importRoster(bundle)
        var caseloads: [String: [String]] = [:]
        let people = try probe.allCounselors().sorted { ($0.sourcedId ?? "") < ($1.sourcedId ?? "") }
        for counselor in people {
            caseloads[counselor.sourcedId!] = try probe.caseload(counselorId: counselor.id).compactMap(\.student.sourcedId).sorted()
        }
        let hub = ModelHub(scopes: caseloads.mapValues(Set.init))
        return SyncFixture(bundle: bundle, hub: hub, counselors: people.map { $0.sourcedId! }, caseloads: caseloads)
    }

    /// A workstation of counselor `index`, with the roster imported and joined to the hub.
    func workstation(_ index: Int) throws -> Workstation {
        let database = try AppDatabase.inMemory()
        try database.importRoster(bundle)
        let sourcedId = counselors[index]
        let counselor = try database.allCounselors().first { $0.sourcedId == sourcedId }!
        try database.joinHub(url: "model://hub", counselorId: counselor.id!)
        let link = ModelHubLink(hub: hub, counselor: sourcedId)
        return Workstation(database: database, counselorId: counselor.id!, sourcedId: sourcedId, link: link,
                           engine: SyncEngine(database: database, hub: link))
    }
}

struct Workstation {
    let database: AppDatabase
    let counselorId: Int64
    let sourcedId: String
    let link: ModelHubLink
    let engine: SyncEngine

    @discardableResult
    func sync() async throws -> SyncReport { try await engine.sync() }

    func studentId(_ sourcedId: String) throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM student WHERE sourcedId = ?", arguments: [sourcedId])! }
    }
}
