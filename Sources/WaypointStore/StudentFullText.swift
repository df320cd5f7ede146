import GRDB

/// The full-text index of students' names (`student_ft`, kept by the triggers GRDB made in v1).
enum StudentFullText {
    /// The trigger that indexes each new student.
    private static let insertTrigger = "__student_ft_ai"

    /// Runs `body`, which inserts students, with the new ones indexed in one statement at
    /// the end instead of one trigger each. Inside a transaction every INSERT that reaches
    /// the FTS5 table opens a statement savepoint, and FTS5 writes its pending terms to disk
    /// at each one: a chunk of 5,000 new students left 5,000 one-row index segments, about a
    /// third of a roster import's instructions (callgrind, issue 17). The trigger is set
    /// aside and put back in the same transaction, so an error in `body` rolls both back, and
    /// no other connection ever sees the table without it.
    static func indexingInsertsAtTheEnd<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        guard let trigger = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                                arguments: [insertTrigger]) else { return try body() }
        // AUTOINCREMENT: every student inserted from here on has a larger id than any before.
        let before = try Int64.fetchOne(db, sql: "SELECT max(id) FROM student") ?? 0
        try db.execute(sql: "DROP TRIGGER \(insertTrigger)")
        let result = try body()
        try db.execute(sql: "INSERT INTO student_ft(rowid, searchKey) SELECT id, searchKey FROM student WHERE id > ?",
                       arguments: [before])
        try db.execute(sql: trigger)
        return result
    }
}
