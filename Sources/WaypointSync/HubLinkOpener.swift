import Foundation
import WaypointCore
import WaypointStore

/// The one seam through which a workstation reaches its hub: given the sync state (which
/// hub, as whom), a link. The executable opens PostgreSQL (WaypointHub); tests open the
/// model hub (WaypointSyncTesting). Nothing else in the workstation knows how.
public protocol HubLinkOpener: Sendable {
    /// Throws `HubUnreachable` when the hub does not answer at all, and another error
    /// whose description is a sentence for anything else (a wrong password, say).
    func open(_ state: SyncState) async throws -> any HubLink
    /// Lets go of a link `open` gave (a connection to close).
    func close(_ link: any HubLink) async
}

extension HubLinkOpener {
    public func close(_ link: any HubLink) async {}
}

/// The hub did not answer (no route, refused, timed out): the workstation works offline
/// and tries again later. A link or opener throws this for every such failure, so the
/// footer can say "hub unreachable" rather than "sync failed".
public struct HubUnreachable: Error, Equatable, Sendable, CustomStringConvertible {
    /// "hub.district.example:5432", the way messages name the hub.
    public var place: String
    public var reason: String

    public init(place: String, reason: String) {
        self.place = place
        self.reason = reason
    }

    public var description: String { "Cannot reach the hub at \(place) (\(reason))." }
}
