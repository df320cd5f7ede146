import Foundation
import GRDB

/// How a long write (an import, the demo load) is cut into transactions, so that another
/// writer (a counselor's save) gets the write lock between two of them.
public struct ImportPacing: Sendable {
    /// Records in the first chunk.
    public var firstChunk: Int
    /// Seconds one chunk should hold the write lock: each next chunk is sized from how long
    /// the last one took. 0 keeps every chunk at `firstChunk`.
    public var target: TimeInterval
    /// Called after each chunk is committed, before the next begins: tests let another
    /// writer in here, or stop the import there as a kill would.
    public var betweenChunks: (@Sendable () throws -> Void)?

    public init(firstChunk: Int, target: TimeInterval, betweenChunks: (@Sendable () throws -> Void)? = nil) {
        self.firstChunk = max(1, firstChunk)
        self.target = target
        self.betweenChunks = betweenChunks
    }

    /// A quarter of a second per chunk: a save that arrives mid-chunk waits that long, far
    /// under the second the screen gives it, and the commits cost little beside the work
    /// (figures in docs/PERFORMANCE.md). `WAYPOINT_TEST_CHUNK_ROWS` fixes the size, so an
    /// end-to-end test can stop a small import between two chunks.
    public static var standard: ImportPacing {
        if let rows = ProcessInfo.processInfo.environment["WAYPOINT_TEST_CHUNK_ROWS"].flatMap(Int.init), rows > 0 {
            return .fixed(rows)
        }
        return ImportPacing(firstChunk: 2_000, target: 0.25)
    }

    /// The pause between two chunks, so a writer that waits gets the lock.
    static let pause: TimeInterval = 0.02

    /// Chunks of exactly `rows` records.
    public static func fixed(_ rows: Int, betweenChunks: (@Sendable () throws -> Void)? = nil) -> ImportPacing {
        ImportPacing(firstChunk: rows, target: 0, betweenChunks: betweenChunks)
    }

    /// The next chunk's size after a full chunk of `size` records held the lock `seconds`:
    /// scaled towards the target, growing at most fourfold at a time (one fast chunk of
    /// cheap rows must not make the next one, of dearer rows, seconds long).
    func next(after size: Int, took seconds: TimeInterval) -> Int {
        guard target > 0, seconds > 0 else { return size }
        return max(50, min(size * 4, Int(Double(size) * target / seconds)))
    }
}

/// One chunk's allowance: how many records, and until when. A chunk of records that cost
/// very different amounts (the demo's students, then its plans) stops at the deadline even
/// when the size, measured on cheaper records, would let it go on.
struct Chunk {
    var size: Int
    /// Uptime in nanoseconds; never, for fixed chunks (tests count on exact sizes).
    var deadline: UInt64

    /// Whether a chunk that has applied `count` records takes another (always the first).
    func wants(_ count: Int) -> Bool {
        count == 0 || (count < size && DispatchTime.now().uptimeNanoseconds < deadline)
    }
}

/// What a long write that stopped part-way says instead of "Nothing was changed".
enum PartWay {
    static let importing = "The import stopped part-way: what it still has to write is kept, and "
        + "`waypoint doctor --fix` (or the next import) applies it once the trouble is fixed"
    static let demo = "The demo load stopped part-way: this database holds part of a fictional district, "
        + "so delete it and load the demo again"
}

/// The kinds of long write `import_batch` records.
enum ImportKind: String {
    case oneroster, abc, demo
}

/// A long write that began and has not finished: being applied by another process, or cut
/// short (a kill, a power cut). ``AppDatabase/finishInterruptedImports(pacing:)`` finishes it.
public struct UnfinishedImport: Equatable, Sendable, CustomStringConvertible {
    public var id: Int64
    public var kind: String
    public var source: String
    public var state: String
    public var position: Int
    public var total: Int
    public var startedAt: Date

    /// Whether the rows it still has to apply are stored (a demo load's are not: it is
    /// generated in memory).
    public var canFinish: Bool { kind != ImportKind.demo.rawValue }

    public var description: String {
        let started = ISO8601DateFormatter().string(from: startedAt)
        switch (kind, state) {
        case (ImportKind.demo.rawValue, _):
            return "The demo district load started \(started) did not finish: this database holds part of a fictional "
                + "district. Delete the file and load the demo again."
        case (_, "staging"):
            return "The \(what) of \(source) started \(started) stopped before applying anything; "
                + "nothing of it was written. Run the import again."
        default:
            return "The \(what) of \(source) started \(started) stopped after \(position) of \(total) records; "
                + "the rest is stored and is applied by `waypoint doctor --fix` or the next import."
        }
    }

    private var what: String { kind == ImportKind.abc.rawValue ? "ABC import" : "OneRoster import" }
}

extension AppDatabase {
    /// Runs `chunk` in one short IMMEDIATE transaction after another until it returns true.
    /// It gets how many records to apply and until when; the number grows or shrinks after
    /// each chunk so that one holds the write lock about `pacing.target`. Each chunk must
    /// record its own progress in the same transaction, so a kill between two chunks loses
    /// nothing and applies nothing twice. `stage` names the point between two chunks for
    /// ``TestHook`` (`<stage>-chunk-committed`). A full disk (or the like) then says
    /// `partWay` instead of "Nothing was changed", when some of the write is already in.
    func inChunks(_ pacing: ImportPacing, stage: String, partWay: String? = nil,
                  _ chunk: (Database, Chunk) throws -> Bool) throws {
        var size = pacing.firstChunk
        while true {
            var seconds = 0.0
            let finished: Bool
            do {
                finished = try write { db in
                    let start = DispatchTime.now().uptimeNanoseconds
                    defer { seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
                    let deadline = pacing.target > 0 ? start + UInt64(pacing.target * 1e9) : .max
                    return try chunk(db, Chunk(size: size, deadline: deadline))
                }
            } catch StoreError.storage(let trouble, let path) where partWay != nil {
                throw StoreError.storageStoppedPartWay(trouble, path: path, partWay: partWay!)
            }
            if finished { return }
            size = pacing.next(after: size, took: seconds)
            TestHook.reached("\(stage)-chunk-committed")
            try pacing.betweenChunks?()
            // A writer waiting for the lock looks every 2 ms (``BusyPatience``): this pause
            // lets it in before the next chunk takes the lock again.
            if pacing.target > 0 { Thread.sleep(forTimeInterval: ImportPacing.pause) }
        }
    }

    /// The long writes that began and did not finish, oldest first.
    public func unfinishedImports() throws -> [UnfinishedImport] {
        try read(Self.unfinishedImports)
    }

    /// The same, on any connection (doctor's read-only one); none before v12-import-batches.
    static func unfinishedImports(_ db: Database) throws -> [UnfinishedImport] {
        guard try db.tableExists("import_batch") else { return [] }
        return try Row.fetchAll(db, sql: """
            SELECT id, kind, source, state, position, total, startedAt FROM import_batch
            WHERE state IN ('staging', 'applying') ORDER BY id
            """).map {
            UnfinishedImport(id: $0["id"], kind: $0["kind"], source: $0["source"], state: $0["state"],
                             position: $0["position"], total: $0["total"], startedAt: $0["startedAt"])
        }
    }

    /// Finishes every import that stopped part-way from what it stored: an ABC import or a
    /// roster whose chunks were being applied is applied to the end; one killed while its
    /// rows were still being copied in (nothing applied) is dropped. Returns a sentence for
    /// each, and for what cannot be finished (a demo load). Safe while the import still runs
    /// elsewhere: every chunk takes its work from the batch row under the write lock.
    @discardableResult
    public func finishInterruptedImports(pacing: ImportPacing = .standard) throws -> [String] {
        var said: [String] = []
        for batch in try unfinishedImports() {
            guard batch.canFinish else {
                said.append(batch.description)
                continue
            }
            if batch.state == "staging" {
                try dropStagedABC(batch.id, pacing: pacing)
                said.append("Dropped the ABC import of \(batch.source) that stopped before applying anything; nothing of it "
                    + "was written. Run it again to import the file.")
            } else if batch.kind == ImportKind.abc.rawValue {
                _ = try applyStagedABC(batch.id, pacing: pacing)
                said.append("Finished the ABC import of \(batch.source) that had stopped part-way.")
            } else {
                _ = try resumeRoster(batch.id, pacing: pacing)
                said.append("Finished the OneRoster import of \(batch.source) that had stopped part-way.")
            }
        }
        return said
    }
}

/// The `import_batch` row of one long write, read and advanced inside its chunks.
enum ImportBatch {
    static func begin<Counts: Encodable>(_ db: Database, _ kind: ImportKind, source: String, counselorId: Int64?,
                                         state: String = "applying", total: Int, counts: Counts, payload: Data? = nil) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO import_batch (kind, source, counselorId, state, total, counts, payload, startedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [kind.rawValue, source, counselorId, state, total, try json(counts), payload, Date()])
        return db.lastInsertedRowID
    }

    /// Where a batch stands, read under the write lock; nil once it is done or dropped.
    static func applying<Counts: Decodable>(_ db: Database, _ id: Int64,
                                            as type: Counts.Type) throws -> (position: Int, counts: Counts)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT state, position, counts FROM import_batch WHERE id = ?",
                                         arguments: [id]),
              row["state"] as String == "applying" else { return nil }
        return (row["position"], try JSONDecoder().decode(type, from: Data((row["counts"] as String).utf8)))
    }

    static func advance<Counts: Encodable>(_ db: Database, _ id: Int64, to position: Int, counts: Counts) throws {
        try db.execute(sql: "UPDATE import_batch SET position = ?, counts = ? WHERE id = ?",
                       arguments: [position, try json(counts), id])
    }

    private static func json<Counts: Encodable>(_ counts: Counts) throws -> String {
        String(decoding: try JSONEncoder().encode(counts), as: UTF8.self)
    }

    /// The last step: the batch is done and its payload goes.
    static func finish(_ db: Database, _ id: Int64, state: String = "done") throws {
        try db.execute(sql: "UPDATE import_batch SET state = ?, payload = NULL, finishedAt = ? WHERE id = ?",
                       arguments: [state, Date(), id])
    }

    /// What the batch changed, from its row once it is done (another process may have
    /// applied some of its chunks).
    static func counts<Counts: Decodable>(_ reader: any DatabaseReader, _ id: Int64, as type: Counts.Type) throws -> Counts {
        let json = try reader.read { db in try String.fetchOne(db, sql: "SELECT counts FROM import_batch WHERE id = ?", arguments: [id]) }
        return try JSONDecoder().decode(type, from: Data((json ?? "{}").utf8))
    }
}
