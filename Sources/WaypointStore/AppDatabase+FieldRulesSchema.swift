import GRDB

extension AppDatabase {
    /// v11: the schema holds course credits and college credits to the same ranges as the
    /// forms and the command line (`FieldRules`): v3 allowed any positive amount (0.01
    /// credits), which nothing that types a value could enter, and which the forms would
    /// then refuse to save back unchanged.
    ///
    /// SQLite cannot change a CHECK in place, so both tables are rebuilt with their rows and
    /// ids (the autoincrement counters follow). No trigger or view refers to them. The
    /// ranges are written out, not taken from `FieldRules`: a shipped migration never
    /// changes; `FieldRulesTests` holds the two together. A row outside the new range (only
    /// possible through another tool) stops the migration with its id, rather than being
    /// changed or dropped.
    static func holdCreditsToFieldRules(_ db: Database) throws {
        for (table, low) in [("plan_course", "0.25"), ("college_credit", "0.5")] {
            let outside = try Int64.fetchAll(db, sql: "SELECT id FROM \(table) WHERE credits < \(low) ORDER BY id LIMIT 5")
            if !outside.isEmpty {
                throw StoreError.migrationRefused(
                    "\(table) rows \(outside.map(String.init).joined(separator: ", ")) have fewer than \(low) credits; "
                        + "correct them (sqlite3) and open the database again")
            }
        }
        try db.create(table: "plan_course_v11") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("year", .integer).notNull().check(sql: "year BETWEEN 6 AND 12")
            t.column("title", .text).notNull().check(sql: "trim(title) <> ''")
            t.column("subject", .text).notNull().check(sql: "trim(subject) <> ''")
            t.column("credits", .double).notNull().check(sql: "credits BETWEEN 0.25 AND 10")
            t.column("level", .text).notNull().defaults(to: "standard")
                .check(sql: "level IN ('standard', 'honors', 'ap', 'ib', 'dual-credit', 'cte')")
            t.column("term", .text)
            t.column("status", .text).notNull().defaults(to: "planned")
                .check(sql: "status IN ('planned', 'in-progress', 'completed')")
            t.column("gradeEarned", .text)
        }
        try db.create(table: "college_credit_v11") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("course", .text).notNull().check(sql: "trim(course) <> ''")
            t.column("institution", .text).notNull().check(sql: "trim(institution) <> ''")
            t.column("credits", .double).notNull().check(sql: "credits BETWEEN 0.5 AND 60")
        }
        for table in ["plan_course", "college_credit"] {
            let columns = try db.columns(in: table).map(\.name).joined(separator: ", ")
            try db.execute(sql: """
                INSERT INTO \(table)_v11 (\(columns)) SELECT \(columns) FROM \(table) ORDER BY id;
                INSERT INTO sqlite_sequence (name, seq) SELECT '\(table)_v11', 0
                WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '\(table)_v11');
                UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = '\(table)'), 0))
                WHERE name = '\(table)_v11';
                DROP TABLE \(table);
                ALTER TABLE \(table)_v11 RENAME TO \(table);
                """)
        }
        try db.create(index: "plan_course_on_studentId_year", on: "plan_course", columns: ["studentId", "year"])
        try db.create(index: "college_credit_on_studentId", on: "college_credit", columns: ["studentId"])
    }
}
