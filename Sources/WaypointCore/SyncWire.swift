import Foundation

/// What a workstation and a district hub say to each other when they sync (docs/SYNC.md).
/// Plain values: the workstation's engine (WaypointSync) and the hub's client (WaypointHub)
/// both speak them, and neither knows the other.

/// The version of this conversation. A hub refuses a workstation outside the range it
/// supports, and a workstation a hub newer than it knows, each with a sentence.
public enum SyncProtocol {
    public static let version = 1
}

public enum SyncOperation: String, Codable, Sendable, CaseIterable {
    case insert, update, delete
}

/// One queued local change, as pushed. `changeId` is stable across retries (the
/// workstation's id and the outbox row's number), so the hub applies it once however often
/// it arrives.
public struct OutgoingChange: Codable, Sendable, Equatable {
    public var changeId: String
    public var table: String
    /// The record's global key (docs/SYNC.md, "Identity of records").
    public var uid: String
    public var op: SyncOperation
    /// The hub version this change was made over; 0 for a record the hub has never seen.
    public var baseVersion: Int64
    /// The record's columns as a JSON object, references written as global keys.
    public var payload: String

    public init(changeId: String, table: String, uid: String, op: SyncOperation, baseVersion: Int64, payload: String) {
        self.changeId = changeId
        self.table = table
        self.uid = uid
        self.op = op
        self.baseVersion = baseVersion
        self.payload = payload
    }
}

/// Why the hub refused a change. Every refusal reaches the counselor (never silent).
public enum RefusalReason: String, Codable, Sendable {
    /// The record changed at the hub since the version this change was made over.
    case changedElsewhere
    /// Row-level security: not this counselor's student, or not in their name.
    case notPermitted
    /// The hub's rules refused the values (a constraint).
    case invalid
}

/// The hub's answer to one pushed change.
public enum PushOutcome: Codable, Sendable, Equatable {
    /// Applied (now, or the first time it arrived): the record's new hub version.
    case applied(version: Int64)
    /// Refused; `theirs` is the hub's record now with its version (nil when there is none
    /// or the counselor may not see it), `detail` the hub's words. The workstation takes
    /// theirs at once (so it shows what the hub holds) and keeps its own for the counselor.
    case refused(RefusalReason, theirs: HubChange?, detail: String)
}

/// One change pulled from the hub, in the hub's commit order.
public struct HubChange: Codable, Sendable, Equatable {
    public var seq: Int64
    public var table: String
    public var uid: String
    public var op: SyncOperation
    public var version: Int64
    /// The record as the hub holds it; for a delete, as it was (its key columns find it).
    public var payload: String?

    public init(seq: Int64, table: String, uid: String, op: SyncOperation, version: Int64, payload: String?) {
        self.seq = seq
        self.table = table
        self.uid = uid
        self.op = op
        self.version = version
        self.payload = payload
    }
}

/// A student entering or leaving this counselor's scope (caseload or share), in order with
/// the changes.
public struct ScopeChange: Codable, Sendable, Equatable {
    public var seq: Int64
    /// The student's global key (their sourcedId).
    public var student: String
    public var entered: Bool

    public init(seq: Int64, student: String, entered: Bool) {
        self.seq = seq
        self.student = student
        self.entered = entered
    }
}

/// One page of a pull: everything after `checkpoint` up to `nextCheckpoint`.
public struct PullPage: Codable, Sendable, Equatable {
    public var changes: [HubChange]
    public var scope: [ScopeChange]
    /// Where the next pull starts; the workstation keeps it with the page, in one transaction.
    public var nextCheckpoint: Int64
    public var hasMore: Bool

    public init(changes: [HubChange], scope: [ScopeChange], nextCheckpoint: Int64, hasMore: Bool) {
        self.changes = changes
        self.scope = scope
        self.nextCheckpoint = nextCheckpoint
        self.hasMore = hasMore
    }
}

/// How a confidential record travels (docs/SYNC.md, "Confidential notes"): its content is
/// sealed on the author's workstation with their sealing key, and only the fields the hub
/// needs to decide who may see it stay in clear. The hub refuses a confidential record that
/// carries anything else, so a workstation that forgot to seal cannot leak.
public enum SyncSealing {
    /// The payload field that holds the sealed content (base64 of the sealed bytes).
    public static let sealedField = "sealed"
    /// Marks a payload as sealed: `"isConfidential": 1`.
    public static let confidentialField = "isConfidential"
    /// Every field a sealed payload may hold in clear.
    public static let clearFields: Set<String> = ["student", "author", "session", "version", "isConfidential", "sealed"]
    /// Tables whose rows of a confidential session travel sealed. A confidential session's
    /// topics never travel as rows of their own (the topic is part of their key): they ride
    /// inside the session's sealed content.
    public static let sealedTables: Set<String> = ["advising_session", "session_note"]

    /// Whether `fields` (a payload's field names) are a properly sealed payload's.
    public static func isSealedShape(_ fields: Set<String>) -> Bool {
        fields.contains(sealedField) && fields.isSubset(of: clearFields)
    }
}

/// A connection to the hub as the sync engine needs it. WaypointHub implements it over
/// PostgreSQL (as the counselor's own role, so row-level security decides what each call
/// sees); tests implement it in memory.
public protocol HubLink: Sendable {
    /// Throws with a sentence when the hub's schema or protocol is older or newer than this
    /// workstation can sync with.
    func checkCompatible(workstationProtocol: Int) async throws
    /// Applies `changes` in order, each at most once (by `changeId`); one outcome each.
    func push(_ changes: [OutgoingChange]) async throws -> [PushOutcome]
    /// What changed after `checkpoint` that this counselor may see, at most `limit` changes,
    /// leaving out the changes `workstation` (its `sync_state.workstationId`) pushed itself:
    /// it holds them already, and the hub's answer to the push gave it their versions.
    func pull(after checkpoint: Int64, limit: Int, skippingPushesOf workstation: String?) async throws -> PullPage
    /// Everything the hub holds of one student that this counselor may see, for a student
    /// who just entered their scope: their records as changes (seq 0), parents first.
    func fetchStudent(_ student: String) async throws -> [HubChange]
    /// `fetchStudent` for several students at once, by student (a student with nothing to
    /// see maps to no records): one round trip for a page of students, not one each.
    func fetchStudents(_ students: [String]) async throws -> [String: [HubChange]]
    /// This counselor's sealing key as the hub keeps it, wrapped with their passphrase
    /// (WaypointVault), so neither the hub nor its administrators can open it; nil if none yet.
    func wrappedSealingKey() async throws -> Data?
    /// Keeps this counselor's wrapped sealing key at the hub. The hub keeps the first key it
    /// is given and returns the one it keeps, so two workstations joining at once agree.
    func storeWrappedSealingKey(_ wrapped: Data) async throws -> Data
}

extension HubLink {
    /// One `fetchStudent` each: right for links where a call costs no round trip.
    public func fetchStudents(_ students: [String]) async throws -> [String: [HubChange]] {
        var fetched: [String: [HubChange]] = [:]
        for student in students { fetched[student] = try await fetchStudent(student) }
        return fetched
    }

    /// Everything after `checkpoint` this counselor may see, whoever pushed it.
    public func pull(after checkpoint: Int64, limit: Int) async throws -> PullPage {
        try await pull(after: checkpoint, limit: limit, skippingPushesOf: nil)
    }
}
