import GRDB
import WaypointCore

extension AppDatabase {
    /// The students an ABC file may name: every student with their sourcedId (if any) and
    /// local ID, inactive ones included (last year's attendance still belongs to them).
    public func abcStudentKeys() throws -> ABCStudentKeys {
        try reader.read { db in
            var keys = ABCStudentKeys(bySourcedId: [:], byLocalId: [:])
            for row in try Row.fetchAll(db, sql: "SELECT id, sourcedId, localId FROM student") {
                let id: Int64 = row["id"]
                if let sourcedId: String = row["sourcedId"] { keys.bySourcedId[sourcedId] = id }
                keys.byLocalId[row["localId"]] = id
            }
            return keys
        }
    }

    /// Applies a validated ABC file: each row is matched by its natural key (attendance:
    /// student and term; marks: student, term and course; incidents: student, date, kind and
    /// incident id or content) and added, updated or left as it is. Importing the same file
    /// twice adds and updates nothing. With `dryRun` the counts are worked out the same way
    /// and nothing is written, so they are exactly what a real import would report. A real
    /// import leaves one audit row with its counts, credited to `counselorId` if known.
    ///
    /// No transaction holds the write lock long (issue 12: a counselor's save must wait at
    /// most about a second). Matching and writing 600,000 rows one by one held it 45 s; one
    /// set-wise transaction still held it 5.8 s. Now the rows are copied into
    /// `import_abc_*` under an `import_batch` row, in short chunks, then applied in short
    /// chunks, each matching, updating and inserting a slice set-wise against what is stored
    /// at that moment (other writers' changes in between are neither lost nor miscounted),
    /// deleting that slice and adding its counts to the batch row, in one transaction. So a
    /// kill between chunks applies nothing twice, and ``finishInterruptedImports(pacing:)``
    /// (doctor --fix, the next import) applies the rest. Readers may see part of the file
    /// for the seconds the chunks take. Any unfinished import is finished first.
    /// (Figures in docs/PERFORMANCE.md.)
    public func importABC(_ batch: ABCBatch, dryRun: Bool = false, by counselorId: Int64? = nil,
                          source: String = "", pacing: ImportPacing = .standard) throws -> ABCImportSummary {
        let tables: [(ABCRows.Table, [[DatabaseValueConvertible?]])] = [
            (ABCRows.attendance, batch.attendance.map(ABCRows.columns)),
            (ABCRows.incidents, batch.incidents.map(ABCRows.columns)),
            (ABCRows.marks, batch.marks.map(ABCRows.columns)),
        ].filter { !$0.1.isEmpty }
        guard !dryRun else {
            try stage(tables)
            defer { try? unstage(tables.map(\.0)) }
            return try writer.writeWithoutTransaction { db in
                var summary = ABCImportSummary()
                for (table, _) in tables { summary[table] = try ABCRows.count(table, db) }
                return summary
            }
        }
        try finishInterruptedImports(pacing: pacing)
        let id = try stageBatch(tables, by: counselorId, source: source, pacing: pacing)
        return try applyStagedABC(id, pacing: pacing)
    }

    /// Copies the rows into `import_abc_*` in chunks, under a new batch in state `staging`
    /// (a kill meanwhile has applied nothing; the batch is dropped later), then marks it
    /// `applying`. `position` counts the rows copied so far.
    private func stageBatch(_ tables: [(ABCRows.Table, [[DatabaseValueConvertible?]])], by counselorId: Int64?,
                            source: String, pacing: ImportPacing) throws -> Int64 {
        let total = tables.reduce(0) { $0 + $1.1.count }
        let id = try write { db in
            try ImportBatch.begin(db, .abc, source: source, counselorId: counselorId, state: "staging", total: total,
                                  counts: ABCImportSummary())
        }
        try inChunks(pacing, stage: "abc-staging") { db, chunk in
            var position = try Int.fetchOne(db, sql: "SELECT position FROM import_batch WHERE id = ?", arguments: [id]) ?? 0
            let end = min(total, position + chunk.size)
            var offset = 0
            for (table, rows) in tables {
                defer { offset += rows.count }
                guard position < offset + rows.count, position < end else { continue }
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO \(table.batchStaging) (batchId, seq, \(table.columns.joined(separator: ", ")))
                    VALUES (?, ?, \(table.columns.map { _ in "?" }.joined(separator: ", ")))
                    """)
                while position < min(end, offset + rows.count) {
                    try insert.execute(arguments: StatementArguments([id, position - offset] + rows[position - offset]))
                    position += 1
                }
            }
            try db.execute(sql: "UPDATE import_batch SET position = ?, state = ? WHERE id = ?",
                           arguments: [position == total ? 0 : position, position == total ? "applying" : "staging", id])
            return position == total
        }
        return id
    }

    /// Applies a batch's staged rows in chunks: each takes the rows with the lowest `seq` of
    /// one table, merges them, deletes them and adds their counts to the batch row; the last
    /// writes the audit row and marks the batch done. Returns what the whole batch changed.
    func applyStagedABC(_ id: Int64, pacing: ImportPacing) throws -> ABCImportSummary {
        try inChunks(pacing, stage: "abc-applying", partWay: PartWay.importing) { db, chunk in
            guard var (position, summary) = try ImportBatch.applying(db, id, as: ABCImportSummary.self) else { return true }
            for table in ABCRows.tables {
                guard let first = try Int.fetchOne(db, sql: "SELECT min(seq) FROM \(table.batchStaging) WHERE batchId = ?",
                                                   arguments: [id]) else { continue }
                let slice = "batchId = \(id) AND seq < \(first + chunk.size)"
                let merged = try ABCRows.merge(table, db, from: "(SELECT * FROM \(table.batchStaging) WHERE \(slice))")
                try db.execute(sql: "DELETE FROM \(table.batchStaging) WHERE \(slice)")
                summary[table] = summary[table] + merged
                position += merged.added + merged.updated + merged.unchanged
                try ImportBatch.advance(db, id, to: position, counts: summary)
                return false
            }
            let batch = try Row.fetchOne(db, sql: "SELECT source, counselorId FROM import_batch WHERE id = ?", arguments: [id])
            try recordAudit(db, AuditEntry(.importedABC, counselorId: batch?["counselorId"], subject: batch?["source"] ?? "",
                                           detail: summary.description.replacingOccurrences(of: "\n", with: "; ")))
            try ImportBatch.finish(db, id)
            return true
        }
        return try ImportBatch.counts(writer, id, as: ABCImportSummary.self)
    }

    /// An ABC batch killed while its rows were copied in: its rows go (in chunks) and it is
    /// marked dropped. Nothing of it had been applied.
    func dropStagedABC(_ id: Int64, pacing: ImportPacing) throws {
        try inChunks(pacing, stage: "abc-dropping") { db, chunk in
            for table in ABCRows.tables {
                try db.execute(sql: """
                    DELETE FROM \(table.batchStaging) WHERE batchId = ? AND seq IN
                    (SELECT seq FROM \(table.batchStaging) WHERE batchId = ? ORDER BY seq LIMIT ?)
                    """, arguments: [id, id, chunk.size])
                if db.changesCount > 0 { return false }
            }
            try ImportBatch.finish(db, id, state: "dropped")
            return true
        }
    }

    /// Copies the rows into TEMP tables on the writing connection. A DEFERRED transaction
    /// that touches only TEMP takes no lock on the database file, so other writers go on.
    private func stage(_ tables: [(ABCRows.Table, [[DatabaseValueConvertible?]])]) throws {
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.deferred) {
                    for (table, rows) in tables {
                        try db.execute(sql: "DROP TABLE IF EXISTS \(table.staging)")
                        let columns = zip(table.columns, table.types).map { "\($0) \($1)" }.joined(separator: ", ")
                        try db.execute(sql: "CREATE TABLE \(table.staging) (\(columns))")
                        let insert = try db.makeStatement(sql: """
                            INSERT INTO \(table.staging) VALUES (\(table.columns.map { _ in "?" }.joined(separator: ", ")))
                            """)
                        for row in rows { try insert.execute(arguments: StatementArguments(row)) }
                    }
                    return .commit
                }
            }
        } catch {
            throw StoreError.translated(error, path: path)
        }
    }

    private func unstage(_ tables: [ABCRows.Table]) throws {
        try writer.writeWithoutTransaction { db in
            for table in tables { try db.execute(sql: "DROP TABLE IF EXISTS \(table.staging)") }
        }
    }
}
