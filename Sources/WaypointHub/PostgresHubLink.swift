import Foundation
import PostgresNIO
import WaypointCore

/// The sync engine's link to a PostgreSQL hub, over one `HubConnection` logged in as the
/// counselor's own role: every call runs as that role, so row-level security and the hub's
/// `apply_change` decide what it may read and write (docs/HUB.md "Sync"). One sync at a time
/// per link: a pull holds a transaction open on the connection between its two statements.
/// After the hub restarted, the connection is gone ("working offline"): open a new one.
public final class PostgresHubLink: HubLink {
    public let connection: HubConnection
    /// The counselor the connection's role is (their sourcedId), from `waypoint.me()`.
    public let counselor: String

    /// Refuses a login that is no active counselor at the hub, with a sentence.
    public init(connection: HubConnection) async throws(HubError) {
        self.connection = connection
        let rows = try await connection.query("SELECT waypoint.me()")
        guard let me = try? rows.first?.decode(String?.self) else {
            throw .refused("The hub at \(connection.address.place) does not know the login \(connection.address.user) "
                + "as an active counselor: ask the district's hub administrator (waypoint hub counselor add).")
        }
        counselor = me
    }

    public func checkCompatible(workstationProtocol: Int) async throws {
        _ = try await connection.checkSchema()
        let rows = try await connection.query("SELECT min_workstation_protocol, max_workstation_protocol FROM waypoint.hub_meta")
        guard let (low, high) = try? rows.first?.decode((Int, Int).self) else {
            throw HubError.notAHub(database: connection.address.database, place: connection.address.place)
        }
        if workstationProtocol < low {
            throw HubError.refused("The hub at \(connection.address.place) syncs with Waypoint protocol \(low) to \(high); "
                + "this workstation speaks \(workstationProtocol), which is older: update Waypoint on this machine. "
                + "Your work stays here and syncs once it is updated.")
        }
        if workstationProtocol > high {
            throw HubError.refused("The hub at \(connection.address.place) syncs with Waypoint protocol \(low) to \(high); "
                + "this workstation speaks \(workstationProtocol), which is newer: the district's administrator runs "
                + "waypoint hub init --url URL with this version. Your work stays here and syncs once it is done.")
        }
    }

    /// A batch is one statement, so one round trip however many changes it holds (one per
    /// change made a 1,000-change push 1,000 round trips and 1,000 commits). `apply_change`
    /// answers a refusal without raising, so one refusal never undoes another; a batch the
    /// server breaks off (a lost connection, a deadlock with another pusher) keeps nothing of
    /// it, and the same batch sent again is answered from `applied_change` for whatever a
    /// lost answer had committed. A deadlock is sent again at once.
    public func push(_ changes: [OutgoingChange]) async throws -> [PushOutcome] {
        guard !changes.isEmpty else { return [] }
        let rows = try await connection.query("""
            SELECT c.n, waypoint.apply_change(c.id, c.tbl, c.uid, c.op, c.base, c.payload)::text
            FROM unnest(\(changes.map(\.changeId))::text[], \(changes.map(\.table))::text[], \(changes.map(\.uid))::text[],
                        \(changes.map(\.op.rawValue))::text[], \(changes.map(\.baseVersion))::bigint[],
                        \(changes.map(\.payload))::text[]) WITH ORDINALITY AS c(id, tbl, uid, op, base, payload, n)
            ORDER BY c.n
            """, retries: 3)
        var answers: [Int: String] = [:]
        for row in rows {
            guard let (position, text) = try? row.decode((Int, String).self) else { continue }
            answers[position] = text
        }
        return try changes.enumerated().map { index, change in
            guard let text = answers[index + 1] else {
                throw HubError.server(message: "apply_change gave no answer for \(change.changeId)", place: connection.address.place)
            }
            return try Self.outcome(text, of: change)
        }
    }

    /// The hub's answer (`{"outcome": ..., ...}`) as the wire's PushOutcome.
    static func outcome(_ text: String, of change: OutgoingChange) throws -> PushOutcome {
        struct Answer: Decodable {
            var outcome: String
            var version: Int64?
            var reason: String?
            var detail: String?
            var theirsVersion: Int64?
            /// The hub's record now, as JSON text.
            var theirs: String?
        }
        let answer = try JSONDecoder().decode(Answer.self, from: Data(text.utf8))
        switch answer.outcome {
        case "applied":
            guard let version = answer.version else { throw HubError.refused("The hub's answer \(text) has no version.") }
            return .applied(version: version)
        default:
            let reason = answer.reason.flatMap(RefusalReason.init(rawValue:)) ?? .invalid
            var theirs: HubChange?
            if let version = answer.theirsVersion, let payload = answer.theirs {
                theirs = HubChange(seq: 0, table: change.table, uid: change.uid, op: .update, version: version, payload: payload)
            }
            return .refused(reason, theirs: theirs, detail: answer.detail ?? "refused")
        }
    }

    /// The page and the head are read in one snapshot (REPEATABLE READ): seqs are drawn in
    /// commit order, so every seq up to the head this snapshot sees is already visible in it,
    /// and a checkpoint moved to the head skips nothing that commits later.
    public func pull(after checkpoint: Int64, limit: Int, skippingPushesOf workstation: String?) async throws -> PullPage {
        if checkpoint == 0 { return try await firstPull() }
        let limit = max(1, limit)
        try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            // RLS filters the log to this counselor's scope; the join gives each change the
            // record as it is now (nothing when it is gone or not this counselor's to read).
            // What this workstation pushed as this counselor stays out (pushed_from is never '').
            let rows = try await connection.query("""
                SELECT l.seq, l.table_name, l.row_key, l.op, l.student_sourced_id, l.row::text, r.version, r.payload::text,
                       waypoint.can_see(l.student_sourced_id)
                FROM waypoint.change_log l
                LEFT JOIN waypoint.synced_record r ON r.table_name = l.table_name AND r.uid = l.row_key
                WHERE l.seq > \(checkpoint)
                  AND (l.synced OR l.table_name IN ('caseload', 'student_share') AND l.audience = waypoint.me())
                  AND (l.pushed_from IS DISTINCT FROM \(workstation ?? "") OR l.pushed_by IS DISTINCT FROM waypoint.me())
                ORDER BY l.seq
                LIMIT \(limit)
                """)
            var changes: [HubChange] = []
            var scope: [ScopeChange] = []
            var last = checkpoint
            for row in rows {
                let (seq, table, key, op, student, deleteKey, version, payload, visible) =
                    try row.decode((Int64, String, String, String, String?, String?, Int64?, String?, Bool).self)
                last = seq
                if table == "caseload" || table == "student_share" {
                    guard let student else { continue }
                    // A student shared while on the caseload (or the reverse) does not leave.
                    if op == "insert" { scope.append(ScopeChange(seq: seq, student: student, entered: true)) }
                    if op == "delete", !visible { scope.append(ScopeChange(seq: seq, student: student, entered: false)) }
                    continue
                }
                guard let operation = SyncOperation(rawValue: op) else { continue }
                if operation == .delete {
                    changes.append(HubChange(seq: seq, table: table, uid: key, op: .delete, version: version ?? 0,
                                             payload: deleteKey ?? "{}"))
                } else if let version, let payload {
                    changes.append(HubChange(seq: seq, table: table, uid: key, op: operation, version: version, payload: payload))
                }
            }
            let hasMore = rows.count == limit
            if !hasMore {
                let head = try await connection.query("SELECT waypoint.change_head()")
                last = max(last, (try? head.first?.decode(Int64.self)) ?? last)
            }
            try await connection.query("COMMIT")
            return PullPage(changes: changes, scope: scope, nextCheckpoint: last, hasMore: hasMore)
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
    }

    /// A workstation's first pull (checkpoint 0) is its scope and the log's head, read in one
    /// snapshot: the students that entered (and left) its scope, from the caseload and share
    /// rows addressed to this counselor (found by their index, v5), and no record changes. Every
    /// student in scope has entered it, and the engine fetches each of those whole, as it is
    /// now: read after this snapshot, so a change that commits in between comes in the fetch
    /// and again after the checkpoint, applied twice to the same effect, and none is skipped.
    /// Reading the log instead walked every change of the district (millions of rows, each
    /// checked against row-level security) to deliver what the fetches deliver anyway.
    private func firstPull() async throws -> PullPage {
        try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            let rows = try await connection.query("""
                SELECT l.seq, l.op, l.student_sourced_id, waypoint.can_see(l.student_sourced_id)
                FROM waypoint.change_log l
                WHERE l.audience = waypoint.me() AND l.table_name IN ('caseload', 'student_share')
                ORDER BY l.seq
                """)
            var scope: [ScopeChange] = []
            var last: Int64 = 0
            for row in rows {
                let (seq, op, student, visible) = try row.decode((Int64, String, String?, Bool).self)
                last = seq
                guard let student else { continue }
                if op == "insert" { scope.append(ScopeChange(seq: seq, student: student, entered: true)) }
                if op == "delete", !visible { scope.append(ScopeChange(seq: seq, student: student, entered: false)) }
            }
            let head = try await connection.query("SELECT waypoint.change_head()")
            last = max(last, (try? head.first?.decode(Int64.self)) ?? last)
            try await connection.query("COMMIT")
            return PullPage(changes: [], scope: scope, nextCheckpoint: last, hasMore: false)
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
    }

    public func fetchStudent(_ student: String) async throws -> [HubChange] {
        try await fetchStudents([student])[student] ?? []
    }

    /// All the students' records in one statement, by the (student, ordinal) index, each
    /// student's in their ordinal order (parents first), as this counselor may read them:
    /// `student_records` (hub migration v8) checks the scope once per student where
    /// row-level security checked it once per record.
    public func fetchStudents(_ students: [String]) async throws -> [String: [HubChange]] {
        guard !students.isEmpty else { return [:] }
        let rows = try await connection.query("""
            SELECT student, table_name, uid, version, payload FROM waypoint.student_records(\(students))
            """)
        var fetched: [String: [HubChange]] = [:]
        for student in students { fetched[student] = [] }
        for row in rows {
            let (student, table, uid, version, payload) = try row.decode((String, String, String, Int64, String).self)
            fetched[student, default: []].append(HubChange(seq: 0, table: table, uid: uid, op: .insert, version: version, payload: payload))
        }
        return fetched
    }

    public func wrappedSealingKey() async throws -> Data? {
        let rows = try await connection.query("""
            SELECT encode(wrapped, 'base64') FROM waypoint.sealing_key WHERE counselor = waypoint.me()
            """)
        guard let text = try rows.first?.decode(String.self) else { return nil }
        return Data(base64Encoded: text, options: .ignoreUnknownCharacters)
    }

    public func storeWrappedSealingKey(_ wrapped: Data) async throws -> Data {
        let rows = try await connection.query("""
            SELECT encode(waypoint.store_sealing_key(decode(\(wrapped.base64EncodedString()), 'base64')), 'base64')
            """)
        guard let text = try rows.first?.decode(String.self), let kept = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
            throw HubError.server(message: "no sealing key came back", place: connection.address.place)
        }
        return kept
    }
}
