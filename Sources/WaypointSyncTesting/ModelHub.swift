import Foundation
import WaypointCore
import WaypointStore
import WaypointSync

/// The hub's rules in memory (docs/SYNC.md): each change applied once by its id, compare-
/// and-set on versions (an earlier revision of the same outbox entry is not "someone
/// else"), writes only for students in the counselor's scope, a change log in commit order
/// filtered by scope, and scope changes in that order. Confidential records: only sealed
/// (`SyncSealing.isSealedShape`), never a topic of a confidential session, seen by their
/// author alone; append-only records take no update but the one that seals them. The log
/// keeps keys, not payloads: a pull gives each record as it is now, so a record sealed later
/// leaves no clear copy behind. The PostgreSQL hub must behave the same; these tests pin the
/// workstation's side against it.
public actor ModelHub {
    public struct Record: Sendable {
        public var version: Int64
        public var payload: String
        public var student: String?
        public var producedBy: String
        public var ordinal: Int
        /// The author of a confidential record: nobody else sees it.
        public var privateTo: String?
        public var sealed: Bool
    }

    public enum Entry: Sendable {
        /// `payload` only for a delete (the key columns that find it). `pushedBy` is the
        /// counselor and workstation whose push made the change (a pull leaves their own out).
        case change(seq: Int64, table: String, uid: String, op: SyncOperation, student: String?, privateTo: String?, payload: String?,
                    pushedBy: Pusher)
        case scope(ScopeChange, counselor: String)
    }

    public struct Pusher: Sendable, Equatable {
        public var counselor: String
        public var workstation: String
    }

    public static let appendOnly: Set<String> = ["session_note", "pathway_change", "intervention_note", "audit_event"]
    /// What travels sealed with a confidential session (the workstation's rule; the topics
    /// ride inside the session).
    public static let sealedWithSession: Set<String> = ["session_note", "follow_up"]

    public private(set) var records: [String: [String: Record]] = [:]
    private var applied: [String: PushOutcome] = [:]
    public private(set) var log: [Entry] = []
    private var scopes: [String: Set<String>] = [:]
    private var ordinal = 0
    private var sealingKeys: [String: Data] = [:]
    /// How many pushes arrived, for tests of repeats.
    public private(set) var pushCount = 0
    /// Every payload ever pushed, applied or not: what the hub's logs could hold.
    public private(set) var received: [String] = []

    public init(scopes: [String: Set<String>]) {
        self.scopes = scopes
    }

    private var nextSeq: Int64 { Int64(log.count + 1) }

    public func scope(of counselor: String) -> Set<String> { scopes[counselor] ?? [] }

    /// A caseload move or share at the hub: the counselor's workstation hears of it in order.
    public func share(_ student: String, with counselor: String) {
        guard !scope(of: counselor).contains(student) else { return }
        scopes[counselor, default: []].insert(student)
        log.append(.scope(ScopeChange(seq: nextSeq, student: student, entered: true), counselor: counselor))
    }

    /// A caseload move at the hub: the student leaves one counselor's scope and enters
    /// another's; both workstations hear of it in order. Nothing at the hub changes.
    public func move(_ student: String, from old: String, to new: String) {
        if scope(of: old).contains(student) {
            scopes[old]?.remove(student)
            log.append(.scope(ScopeChange(seq: nextSeq, student: student, entered: false), counselor: old))
        }
        share(student, with: new)
    }

    /// Everything the hub holds or ever logged or received, as text: its records, its log,
    /// the payloads pushed to it and the wrapped sealing keys.
    public func everything() -> String {
        var text = records.values.flatMap(\.values).map(\.payload)
        for entry in log {
            if case .change(_, let table, let uid, _, _, _, let payload, _) = entry { text += [table, uid, payload ?? ""] }
        }
        text += received
        text += sealingKeys.values.map { String(decoding: $0, as: UTF8.self) }
        return text.joined(separator: "\n")
    }

    public func push(_ changes: [OutgoingChange], as counselor: String) -> [PushOutcome] {
        pushCount += 1
        received += changes.map(\.payload)
        return changes.map { apply($0, as: counselor) }
    }

    /// The field names of a payload, and whether it says it is confidential.
    public static func shape(_ payload: String) -> (fields: Set<String>, confidential: Bool) {
        let object = (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any] ?? [:]
        let flag = object[SyncSealing.confidentialField]
        return (Set(object.keys), (flag as? Int) == 1 || (flag as? Bool) == true)
    }

    /// The text values of a payload (the references the rules look at).
    public static func texts(_ payload: String) -> [String: String] {
        struct Scalar: Decodable {
            var text: String?
            init(from decoder: Decoder) throws { text = try? decoder.singleValueContainer().decode(String.self) }
        }
        let values = (try? JSONDecoder().decode([String: Scalar].self, from: Data(payload.utf8))) ?? [:]
        return values.compactMapValues(\.text)
    }

    private func studentOf(_ table: String, _ object: [String: String]) -> String? {
        if let student = object["student"] { return student }
        if let session = object["session"] { return records["advising_session"]?[session]?.student }
        if let intervention = object["intervention"] { return records["intervention"]?[intervention]?.student }
        return nil
    }

    private func apply(_ change: OutgoingChange, as counselor: String) -> PushOutcome {
        if let first = applied[change.changeId] { return first }
        let object = Self.texts(change.payload)
        let current = records[change.table]?[change.uid]
        let student = current?.student ?? studentOf(change.table, object)
        func theirs() -> HubChange? {
            current.map { HubChange(seq: 0, table: change.table, uid: change.uid, op: .update, version: $0.version, payload: $0.payload) }
        }
        // An audit row is the counselor's own record of what they did, whoever it concerns.
        let ownAudit = change.table == "audit_event" && object["counselor"] == counselor
        guard ownAudit || student.map({ scope(of: counselor).contains($0) }) == true else {
            return .refused(.notPermitted, theirs: nil, detail: "not a student of this counselor")
        }
        if current == nil, change.op == .insert {
            for key in ["author", "owner", "counselor"] {
                if let who = object[key], who != counselor {
                    return .refused(.notPermitted, theirs: nil, detail: "written in another counselor's name")
                }
            }
        }
        // Confidential records travel sealed, and are their author's alone.
        let shape = Self.shape(change.payload)
        let session = object["session"].flatMap { records["advising_session"]?[$0] }
        if change.table == "session_topic", session?.privateTo != nil {
            return .refused(.invalid, theirs: nil, detail: "a confidential session's topics travel sealed inside it")
        }
        let confidential = shape.confidential || (Self.sealedWithSession.contains(change.table) && session?.privateTo != nil)
        let sealed = SyncSealing.isSealedShape(shape.fields)
        if confidential, !sealed {
            return .refused(.invalid, theirs: nil, detail: "a confidential record must be sealed on the workstation")
        }
        if Self.appendOnly.contains(change.table), let current, change.op != .insert {
            guard change.op == .update, sealed, !current.sealed else {
                return .refused(.invalid, theirs: theirs(), detail: "append-only: only sealing may change it")
            }
        }
        let privateTo = confidential ? (change.table == "advising_session" ? object["author"] : session?.privateTo ?? object["author"]) : nil
        if let owner = current?.privateTo ?? privateTo, owner != counselor {
            return .refused(.notPermitted, theirs: nil, detail: "another author's confidential record")
        }
        let version = current?.version ?? 0
        let entry = change.changeId.split(separator: ":").prefix(2).joined(separator: ":") + ":"
        let ownEarlierRevision = current.map { $0.producedBy.hasPrefix(entry) } ?? false
        guard version == change.baseVersion || ownEarlierRevision else {
            let outcome = PushOutcome.refused(.changedElsewhere, theirs: theirs(), detail: "changed at the hub since")
            applied[change.changeId] = outcome
            return outcome
        }
        let newVersion = version + 1
        ordinal += 1
        if change.op == .delete {
            records[change.table]?[change.uid] = nil
        } else {
            records[change.table, default: [:]][change.uid] = Record(version: newVersion, payload: change.payload, student: student,
                                                                      producedBy: change.changeId, ordinal: current?.ordinal ?? ordinal,
                                                                      privateTo: privateTo, sealed: sealed)
        }
        log.append(.change(seq: nextSeq, table: change.table, uid: change.uid, op: change.op, student: student,
                           privateTo: privateTo ?? current?.privateTo, payload: change.op == .delete ? change.payload : nil,
                           pushedBy: Pusher(counselor: counselor, workstation: String(change.changeId.prefix { $0 != ":" }))))
        let outcome = PushOutcome.applied(version: newVersion)
        applied[change.changeId] = outcome
        return outcome
    }

    public func pull(after checkpoint: Int64, limit: Int, as counselor: String, skippingPushesOf workstation: String? = nil) -> PullPage {
        var changes: [HubChange] = []
        var scope: [ScopeChange] = []
        var last = checkpoint
        let visible = self.scope(of: counselor)
        for entry in log.dropFirst(Int(checkpoint)) {
            if changes.count + scope.count >= limit { break }
            switch entry {
            case .change(let seq, let table, let uid, let op, let student, let privateTo, let payload, let pusher):
                last = seq
                // The audit trail goes up, not round: each workstation keeps its own. What this
                // workstation pushed it holds already.
                guard table != "audit_event", let student, visible.contains(student),
                      pusher != Pusher(counselor: counselor, workstation: workstation ?? "") else { continue }
                if op == .delete {
                    if privateTo == nil || privateTo == counselor {
                        changes.append(HubChange(seq: seq, table: table, uid: uid, op: op, version: 0, payload: payload))
                    }
                } else if let record = records[table]?[uid], record.privateTo == nil || record.privateTo == counselor {
                    changes.append(HubChange(seq: seq, table: table, uid: uid, op: op, version: record.version, payload: record.payload))
                }
            case .scope(let event, let who):
                last = event.seq
                if who == counselor { scope.append(event) }
            }
        }
        return PullPage(changes: changes, scope: scope, nextCheckpoint: last, hasMore: Int(last) < log.count)
    }

    public func wrappedSealingKey(of counselor: String) -> Data? { sealingKeys[counselor] }

    /// The first key a counselor stores is the one kept.
    public func storeWrappedSealingKey(_ wrapped: Data, of counselor: String) -> Data {
        if let kept = sealingKeys[counselor] { return kept }
        sealingKeys[counselor] = wrapped
        return wrapped
    }

    /// A student's records, parents before children (the order they were first written).
    public func fetchStudent(_ student: String, as counselor: String) -> [HubChange] {
        guard scope(of: counselor).contains(student) else { return [] }
        return records.flatMap { table, rows in
            rows.filter { $0.value.student == student && table != "audit_event" && ($0.value.privateTo ?? counselor) == counselor }.map { (table: table, uid: $0.key, record: $0.value) }
        }.sorted { $0.record.ordinal < $1.record.ordinal }.map {
            HubChange(seq: 0, table: $0.table, uid: $0.uid, op: .insert, version: $0.record.version, payload: $0.record.payload)
        }
    }
}

/// One counselor's connection to the model hub; `reachable` false makes every call fail
/// as an unreachable hub does (`HubUnreachable`, what the real link throws too). The flag
/// may be flipped by a test while a background sync runs, hence the lock.
public final class ModelHubLink: HubLink, @unchecked Sendable {
    public let hub: ModelHub
    public let counselor: String
    private let lock = NSLock()
    private var isReachable = true

    public var reachable: Bool {
        get { lock.withLock { isReachable } }
        set { lock.withLock { isReachable = newValue } }
    }

    public init(hub: ModelHub, counselor: String) {
        self.hub = hub
        self.counselor = counselor
    }

    private func check() throws {
        guard reachable else { throw HubUnreachable(place: "model-hub:5432", reason: "no route (test)") }
    }

    public func checkCompatible(workstationProtocol: Int) async throws { try check() }

    public func push(_ changes: [OutgoingChange]) async throws -> [PushOutcome] {
        try check()
        return await hub.push(changes, as: counselor)
    }

    public func pull(after checkpoint: Int64, limit: Int, skippingPushesOf workstation: String?) async throws -> PullPage {
        try check()
        return await hub.pull(after: checkpoint, limit: limit, as: counselor, skippingPushesOf: workstation)
    }

    public func fetchStudent(_ student: String) async throws -> [HubChange] {
        try check()
        return await hub.fetchStudent(student, as: counselor)
    }

    public func wrappedSealingKey() async throws -> Data? {
        try check()
        return await hub.wrappedSealingKey(of: counselor)
    }

    public func storeWrappedSealingKey(_ wrapped: Data) async throws -> Data {
        try check()
        return await hub.storeWrappedSealingKey(wrapped, of: counselor)
    }
}

/// Opens links to one model hub, as the counselor the sync state names (by their
/// sourcedId, given by the test): the seam the executable fills with PostgreSQL.
public struct ModelHubOpener: HubLinkOpener {
    public let links: @Sendable (SyncState) throws -> ModelHubLink

    public init(links: @escaping @Sendable (SyncState) throws -> ModelHubLink) {
        self.links = links
    }

    /// Always the same link (one counselor's workstation).
    public init(_ link: ModelHubLink) {
        self.links = { _ in link }
    }

    public func open(_ state: SyncState) async throws -> any HubLink { try links(state) }
}
