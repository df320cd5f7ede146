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
            let connection = try await HubConnection.connect(address, password: password)
            return try PostgresHubOpener.link(over: connection)
        } catch .unreachable(let place, let reason) {
            throw HubUnreachable(place: place, reason: reason)
        } catch {
            throw CLIError(error.description)
        }
    }

    func close(_ link: any HubLink) async {
        await (link as? ConnectionClosing)?.closeConnection()
    }

    /// The link that speaks the sync conversation over a connection.
    static func link(over connection: HubConnection) throws(HubError) -> any HubLink {
        // PostgresHubLink (WaypointHub, branch hubsync) is not merged yet: say so plainly.
        throw HubError.refused("this build of Waypoint cannot sync with a hub yet (its hub link is still being built)")
    }
}

/// A link that holds a connection to close when the sync is over.
protocol ConnectionClosing {
    func closeConnection() async
}
