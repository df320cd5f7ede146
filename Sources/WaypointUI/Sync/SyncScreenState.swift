import Foundation
import TerminalKit
import WaypointCore

/// What the screen knows of sync with the district hub. The sync itself runs as a
/// background job (`Effect.syncNow`), so no key ever waits on the hub.
public struct SyncScreenState: Equatable, Sendable {
    /// As the store last said; `hubUrl` nil (not joined) until it says otherwise.
    public var status = SyncStatus(hubUrl: nil)
    /// A background sync is under way: another is not started meanwhile.
    public var isRunning = false
    /// The running sync was asked for with S: its end is said in the footer's message, since
    /// at 80 columns the caseload's keys leave the sync line no room.
    public var isAsked = false
    /// When the next background sync is due (by the main loop's clock); nil: at once, once
    /// the status says this workstation is joined.
    public var nextSyncAt: Date?
    /// How often a joined workstation syncs by itself.
    public var interval: TimeInterval = SyncScreenState.standardInterval
    public static let standardInterval: TimeInterval = 5 * 60

    public init() {}

    /// The footer's line, longest wording first (the footer takes the longest that fits
    /// beside the keys); empty when not joined (standalone Waypoint shows nothing new).
    func lines(now: Date) -> [String] {
        guard let full = status.line(now: now) else { return [] }
        let refused = status.refused > 0 ? "\(status.refused) refused (R)" : nil
        let running = isRunning ? "syncing… · " : ""
        var compact: [String] = []
        if status.isUnreachable { compact.append("offline") }
        else if status.lastError != nil { compact.append("sync failed") }
        else if let last = status.lastSyncAt { compact.append("synced \(SyncStatus.ago(last, now: now))") }
        if status.waiting > 0 { compact.append("\(status.waiting) waiting") }
        if let refused { compact.append(refused) }
        // The one thing to know when there is room for nothing else.
        let least = refused ?? (status.isUnreachable ? "offline" : status.waiting > 0 ? "\(status.waiting) waiting" : nil)
        return [running + full + (status.refused > 0 ? " — press R on the caseload" : ""), running + full,
                compact.joined(separator: " · "), least].compactMap { $0 }.filter { !$0.isEmpty }
    }
}

/// The refused-changes screen: each change the hub refused, in words.
public struct RefusedChangesState: Equatable, Sendable {
    public var rows: [RefusedChangeSummary] = []
    public var table = TableState()
    public var isLoaded = false
    public var requestToken = 0

    public init() {}

    public var selected: RefusedChangeSummary? {
        rows.indices.contains(table.selected) ? rows[table.selected] : nil
    }
}
