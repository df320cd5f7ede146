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

    /// Applies a validated ABC file in one transaction: each row is matched by its natural
    /// key (attendance: student and term; marks: student, term and course; incidents:
    /// student, date, kind and incident id or content) and added, updated or left as it is.
    /// Importing the same file twice adds and updates nothing. With `dryRun` the counts are
    /// worked out the same way and nothing is written, so they are exactly what a real
    /// import would report. A real import leaves one audit row with its counts, credited to
    /// `counselorId` if known.
    ///
    /// The write lock is held only for the last step. Matching and writing 600,000 rows one by
    /// one inside the transaction held the lock for 45 s, and a counselor saving a note
    /// meanwhile got "database is locked". Now the rows are first copied into a TEMP table
    /// (this connection's own, so no lock on the database), and one short IMMEDIATE
    /// transaction matches, updates and inserts them with three set-wise statements per
    /// table, measured against what is stored at that moment: other writers' changes made
    /// while staging are neither lost nor miscounted. The import stays all or nothing: no
    /// other connection sees a row of it before its one commit. (Figures in docs/PERFORMANCE.md.)
    public func importABC(_ batch: ABCBatch, dryRun: Bool = false, by counselorId: Int64? = nil,
                          source: String = "") throws -> ABCImportSummary {
        let tables: [(ABCRows.Table, [[DatabaseValueConvertible?]])] = [
            (ABCRows.attendance, batch.attendance.map(ABCRows.columns)),
            (ABCRows.incidents, batch.incidents.map(ABCRows.columns)),
            (ABCRows.marks, batch.marks.map(ABCRows.columns)),
        ].filter { !$0.1.isEmpty }
        try stage(tables)
        defer { try? unstage(tables.map(\.0)) }
        if dryRun {
            return try writer.writeWithoutTransaction { db in
                try summary(tables.map { table, _ in (table, try ABCRows.count(table, db)) })
            }
        }
        return try write { db in
            let summary = try summary(tables.map { table, _ in (table, try ABCRows.merge(table, db)) })
            try recordAudit(db, AuditEntry(.importedABC, counselorId: counselorId, subject: source,
                                           detail: summary.description.replacingOccurrences(of: "\n", with: "; ")))
            return summary
        }
    }

    private func summary(_ counts: [(ABCRows.Table, ABCImportSummary.Counts)]) throws -> ABCImportSummary {
        var summary = ABCImportSummary()
        for (table, count) in counts {
            switch table.name {
            case ABCRows.attendance.name: summary.attendance = count
            case ABCRows.incidents.name: summary.incidents = count
            default: summary.marks = count
            }
        }
        return summary
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
