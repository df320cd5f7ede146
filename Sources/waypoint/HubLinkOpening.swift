import Foundation
import WaypointCore
import WaypointHub
import WaypointStore
import WaypointSync

/// The real `HubLinkOpener`: the hub URL and password file kept when the workstation
/// joined, the password found as PostgreSQL's tools find it (HubCredentials: PGPASSWORD, the
/// password file, the passfile; never a command-line argument), a connection as the
/// counselor's own role, and the link over it.
struct PostgresHubOpener: HubLinkOpener {
    /// `--password-file` given to this run; before the one kept at join.
    var passwordFile: String?

    func open(_ state: SyncState) async throws -> any HubLink {
        guard let url = state.hubUrl else { throw SyncError.notJoined }
        return try await open(url: url, passwordFile: passwordFile ?? state.passwordFile)
    }

    func open(url: String, passwordFile: String?) async throws -> any HubLink {
        let address: HubAddress
        let password: String
        do {
            address = try HubAddress(parsing: url)
            password = try HubCredentials(warn: { warn($0) }).password(for: address, passwordFile: passwordFile)
        } catch {
            throw CLIError(error.description)
        }
        do {
            // A hub killed mid-sync leaves a statement unanswered: after this long the sync
            // says "working offline" instead of keeping the screen's "syncing…" for minutes.
            let connection = try await HubConnection.connect(address, password: password, queryTimeout: .seconds(30))
            do {
                return OfflineAwareLink(link: try await PostgresHubLink(connection: connection))
            } catch {
                await connection.close()
                throw error
            }
        } catch HubError.unreachable(let place, let reason) {
            throw HubUnreachable(place: place, reason: reason)
        } catch {
            throw CLIError("\(error)")
        }
    }

    func close(_ link: any HubLink) async {
        await (link as? OfflineAwareLink)?.link.connection.close()
    }
}

/// PostgresHubLink as the workstation needs it: a hub that stops answering part-way (a
/// restart, the network gone) is `HubUnreachable`, so the screen says "working offline"
/// rather than "sync failed"; every other error keeps its sentence.
struct OfflineAwareLink: HubLink {
    let link: PostgresHubLink

    private func offlineAware<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch HubError.unreachable(let place, let reason) {
            throw HubUnreachable(place: place, reason: reason)
        } catch let error as HubError {
            throw CLIError(error.description)
        }
    }

    func checkCompatible(workstationProtocol: Int) async throws {
        try await offlineAware { try await link.checkCompatible(workstationProtocol: workstationProtocol) }
    }

    func push(_ changes: [OutgoingChange]) async throws -> [PushOutcome] {
        try await offlineAware { try await link.push(changes) }
    }

    func pull(after checkpoint: Int64, limit: Int, skippingPushesOf workstation: String?) async throws -> PullPage {
        try await offlineAware { try await link.pull(after: checkpoint, limit: limit, skippingPushesOf: workstation) }
    }

    func fetchStudent(_ student: String) async throws -> [HubChange] {
        try await offlineAware { try await link.fetchStudent(student) }
    }

    func fetchStudents(_ students: [String]) async throws -> [String: [HubChange]] {
        try await offlineAware { try await link.fetchStudents(students) }
    }

    func wrappedSealingKey() async throws -> Data? {
        try await offlineAware { try await link.wrappedSealingKey() }
    }

    func storeWrappedSealingKey(_ wrapped: Data) async throws -> Data {
        try await offlineAware { try await link.storeWrappedSealingKey(wrapped) }
    }
}
