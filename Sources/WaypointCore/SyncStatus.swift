import Foundation

/// Where this workstation stands with its hub, for the footer and `waypoint sync status`
/// (docs/SYNC.md, "Failure"). The words are made here once, so the screen and the command
/// line say the same thing.
public struct SyncStatus: Equatable, Sendable, Codable {
    /// nil: not joined; Waypoint works alone and shows nothing about sync.
    public var hubUrl: String?
    /// Who this workstation syncs as, "Dana Whitfield (c-dana)".
    public var counselor: String?
    public var lastSyncAt: Date?
    /// Changes in the outbox.
    public var waiting: Int
    /// Changes the hub refused, waiting for the counselor's decision.
    public var refused: Int
    /// Why the last sync failed; nil after a sync that worked.
    public var lastError: String?
    /// Changes of confidential sessions kept on this workstation because it has no sealing
    /// key (the counselor joined without a passphrase); they go out sealed once it has one.
    public var confidentialKeptHere = 0
    /// Sealed records that arrived without the key to open them, held until it comes.
    public var sealedHeld = 0

    public init(hubUrl: String?, counselor: String? = nil, lastSyncAt: Date? = nil, waiting: Int = 0, refused: Int = 0,
                lastError: String? = nil) {
        self.hubUrl = hubUrl
        self.counselor = counselor
        self.lastSyncAt = lastSyncAt
        self.waiting = waiting
        self.refused = refused
        self.lastError = lastError
    }

    public var isJoined: Bool { hubUrl != nil }

    /// The last sync could not reach the hub at all (rather than being refused by it).
    public var isUnreachable: Bool { lastError?.hasPrefix(SyncStatus.unreachablePrefix) == true }

    static let unreachablePrefix = "Cannot reach the hub at "

    /// The one sentence for a hub that does not answer; `isUnreachable` recognises it.
    public static func unreachable(place: String, waiting: Int) -> String {
        "\(unreachablePrefix)\(place): working offline; \(counted(waiting, "change")) \(waiting == 1 ? "waits" : "wait")."
    }

    /// The short line for the footer: "synced 2 min ago · 3 changes waiting · 2 refused";
    /// nil when not joined.
    public func line(now: Date) -> String? {
        guard isJoined else { return nil }
        var parts: [String] = []
        if isUnreachable {
            parts.append("hub unreachable — working offline")
        } else if lastError != nil {
            parts.append("sync failed — waypoint sync status says why")
        } else if let lastSyncAt {
            parts.append("synced \(SyncStatus.ago(lastSyncAt, now: now))")
        } else {
            parts.append("not synced yet")
        }
        if waiting > 0 { parts.append("\(counted(waiting, "change")) waiting") }
        if refused > 0 { parts.append("\(refused) refused") }
        return parts.joined(separator: " · ")
    }

    /// "just now", "2 min ago", "3 h ago", "2 days ago"; a clock set back reads "just now".
    public static func ago(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        switch seconds {
        case ..<60: return "just now"
        case ..<3600: return "\(seconds / 60) min ago"
        case ..<86_400: return "\(seconds / 3600) h ago"
        case ..<172_800: return "1 day ago"
        default: return "\(seconds / 86_400) days ago"
        }
    }
}

/// A change the hub refused, in words for the counselor (the refused-changes screen and
/// `waypoint sync refused`): what record, whose student, theirs and yours.
public struct RefusedChangeSummary: Equatable, Sendable, Codable {
    public var id: Int64
    /// "Milestone “fafsa”", "Follow-up", "Session note".
    public var what: String
    /// The student's name and ID, "Ana Ruiz (s-17)"; nil when the record names none.
    public var student: String?
    /// Why the hub refused it, in a sentence.
    public var reason: String
    /// Whether keeping mine can work: only a change made over a version that moved on can
    /// be sent again over the hub's version; the hub refuses the others whoever sends them.
    public var canKeepMine: Bool
    /// "status: waived" lines: what this workstation meant to save.
    public var mine: [String]
    /// What the hub holds now; empty when it holds nothing this counselor may see.
    public var theirs: [String]
    public var refusedAt: Date?
    /// Field by field, theirs beside mine, the fields that differ first (then the rest), so
    /// the two read side by side without scrolling.
    public var fields: [RefusedField]
    /// The record is confidential (a confidential session, its note versions, topics or
    /// follow-ups): its content is shown to its author only.
    public var isConfidential: Bool
    /// Confidential, and whoever asked is not known to be its author: `mine`, `theirs` and
    /// `fields` are left empty, and the screen says how to see them.
    public var isWithheld: Bool

    public init(id: Int64, what: String, student: String?, reason: String, canKeepMine: Bool, mine: [String], theirs: [String],
                refusedAt: Date?, fields: [RefusedField] = [], isConfidential: Bool = false, isWithheld: Bool = false) {
        self.id = id
        self.what = what
        self.student = student
        self.reason = reason
        self.canKeepMine = canKeepMine
        self.mine = mine
        self.theirs = theirs
        self.refusedAt = refusedAt
        self.fields = fields
        self.isConfidential = isConfidential
        self.isWithheld = isWithheld
    }
}

/// One field of a refused change: the hub's value and this workstation's, in words (nil:
/// that side has no such field, as when one side removed the record).
public struct RefusedField: Equatable, Sendable, Codable {
    /// "due date", "status".
    public var name: String
    public var theirs: String?
    public var mine: String?

    public init(name: String, theirs: String?, mine: String?) {
        self.name = name
        self.theirs = theirs
        self.mine = mine
    }

    public var differs: Bool { theirs != mine }
}

/// The counselor's decision on a refused change.
public enum RefusedResolution: String, Equatable, Sendable, Codable {
    /// Send mine again, over the hub's version.
    case keepMine
    /// Drop mine; the hub's version (already on screen) stays.
    case takeTheirs
}

/// "1 change", "3 changes".
public func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
