import Foundation
import GRDB
import WaypointCore
@testable import WaypointStore
import XCTest

/// Each typed number has one rule (`FieldRules`), and the schema's CHECK on its column
/// agrees with it: the constraint is read back from the migrated schema and evaluated by
/// SQLite itself at and just beyond both ends of the rule's range. (The forms and the
/// command line call the rule itself; PlanFormRulesTests and CommandLineTests check that.)
final class FieldRulesTests: XCTestCase {
    private let columns: [(table: String, column: String, rule: NumberRule)] = [
        ("plan_course", "credits", FieldRules.courseCredits),
        ("plan_course", "year", FieldRules.courseYear),
        ("college_credit", "credits", FieldRules.collegeCredits),
        ("work_based_learning", "hours", FieldRules.workBasedLearningHours),
        ("advising_session", "durationMinutes", FieldRules.sessionMinutes),
        ("intervention", "sessionsPerWeek", FieldRules.interventionSessionsPerWeek),
        ("intervention", "minutesPerSession", FieldRules.interventionMinutesPerSession),
        ("intervention", "tier", FieldRules.interventionTier),
        ("intervention", "plannedWeeks", FieldRules.interventionPlannedWeeks),
        ("intervention_note", "sessionsDelivered", FieldRules.interventionSessionsDelivered),
        ("intervention_note", "measuredValue", FieldRules.interventionMeasuredValue),
    ]

    func testTheSchemaAcceptsExactlyWhatEachRuleAccepts() throws {
        let fixture = try StoreFixture()
        try fixture.queue.read { db in
            for (table, column, rule) in columns {
                let check = try XCTUnwrap(try Self.check(on: column, of: table, in: db), "\(table).\(column) has no CHECK")
                let step = rule.isWhole ? 1.0 : 0.01
                for value in [rule.range.lowerBound - step, rule.range.lowerBound, rule.range.upperBound, rule.range.upperBound + step] {
                    let accepted = try Bool.fetchOne(db, sql: "SELECT \(check) FROM (SELECT ? AS \(column))", arguments: [value]) ?? false
                    XCTAssertEqual(accepted, rule.problem(value) == nil, "\(table).\(column) = \(value) under CHECK (\(check))")
                }
            }
        }
    }

    func testTheUpgradeCarriesCoursesAndCollegeCreditsOverWithTheirIdsAndRefusesRowsItCannot() throws {
        let seed = """
            INSERT INTO school (id, name) VALUES (1, 'Riverside');
            INSERT INTO student (id, localId, givenName, familyName, grade, schoolId, searchKey)
            VALUES (3, 'S3', 'Minh', 'Nguyen', 10, 1, 'minh nguyen');
            INSERT INTO plan (studentId) VALUES (3);
            INSERT INTO plan_course (id, studentId, year, title, subject, credits) VALUES (40, 3, 10, 'Chemistry', 'science', 0.25);
            INSERT INTO college_credit (id, studentId, course, institution, credits) VALUES (9, 3, 'ENG 101', 'River CC', 3);
            """
        let rows = "SELECT 'c', id, title, credits FROM plan_course UNION ALL SELECT 'k', id, course, credits FROM college_credit ORDER BY 1, 2"
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v9-audit-security")
        let before = try queue.write { db -> [Row] in
            try db.execute(sql: seed)
            return try Row.fetchAll(db, sql: rows)
        }
        try AppDatabase.migrator.migrate(queue)
        try queue.write { db in
            XCTAssertEqual(try Row.fetchAll(db, sql: rows), before, "every row, with its id, as it was")
            XCTAssertEqual(Set(try db.indexes(on: "plan_course").map(\.name)), ["plan_course_on_studentId_year"])
            XCTAssertEqual(Set(try db.indexes(on: "college_credit").map(\.name)), ["college_credit_on_studentId"])
            XCTAssertEqual(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check"), [])
            try db.execute(sql: "INSERT INTO plan_course (studentId, year, title, subject, credits) VALUES (3, 11, 'Physics', 'science', 1)")
            XCTAssertEqual(db.lastInsertedRowID, 41, "ids go on from where they were")
        }

        // A row no form could have written stops the upgrade, naming it, and changes nothing.
        let odd = try DatabaseQueue()
        try AppDatabase.migrator.migrate(odd, upTo: "v9-audit-security")
        try odd.write { db in
            try db.execute(sql: seed)
            try db.execute(sql: "UPDATE plan_course SET credits = 0.1 WHERE id = 40")
        }
        XCTAssertThrowsError(try AppDatabase.migrator.migrate(odd)) { error in
            XCTAssertTrue("\(error)".contains("plan_course rows 40 have fewer than 0.25 credits"), "\(error)")
        }
        XCTAssertEqual(try odd.read { db in try AppDatabase.migrator.appliedIdentifiers(db) }.contains("v11-field-rules"), false)
    }

    /// The CHECK expression the schema holds for `column` of `table`.
    static func check(on column: String, of table: String, in db: Database) throws -> String? {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                            arguments: [table]) else { return nil }
        let pattern = try NSRegularExpression(pattern: "CHECK \\((\\(?\"?\(column)\"?[^()]*(\\([^()]*\\)[^()]*)*)\\)")
        guard let match = pattern.firstMatch(in: sql, range: NSRange(sql.startIndex..., in: sql)),
              let range = Range(match.range(at: 1), in: sql) else { return nil }
        return String(sql[range])
    }

    /// The rules the hub checks synced records against (`SyncValueRules`) say what this
    /// schema says: each column a field (a reference without its "Id"), required exactly
    /// when NOT NULL, and each word list and number range accepted by the column's CHECK
    /// exactly as by the rule.
    func testTheHubsValueRulesAreThisSchemasRules() throws {
        let fixture = try StoreFixture()
        try fixture.queue.read { db in
            for (table, fields) in SyncValueRules.tables {
                // A primary key is never NULL (plan's studentId is SQLite's rowid, not NOT NULL).
                let columns = try Row.fetchAll(db, sql: "SELECT name, \"notnull\" OR pk > 0 AS required FROM pragma_table_info(?)",
                                               arguments: [table])
                    .map { (name: $0["name"] as String, required: $0["required"] as Bool) }
                    .filter { $0.name != "id" }
                let names = columns.map { $0.name.hasSuffix("Id") && fields[String($0.name.dropLast(2))] != nil
                    ? String($0.name.dropLast(2)) : $0.name }
                XCTAssertEqual(Set(names), Set(fields.keys), "\(table): a rule for each column")
                for (column, field) in zip(columns, names) {
                    guard let rule = fields[field] else { continue }
                    XCTAssertEqual(rule.isRequired, column.required, "\(table).\(column.name): required exactly when NOT NULL")
                    var samples: [(DatabaseValue, Bool)] = []
                    switch rule {
                    case .oneOf(let words, _):
                        samples = words.map { ($0.databaseValue, true) } + [("bogus".databaseValue, false)]
                    case .number(let number, _):
                        let step = number.isWhole ? 1.0 : 0.01
                        samples = [number.range.lowerBound - step, number.range.lowerBound, number.range.upperBound,
                                   number.range.upperBound + step].map { ($0.databaseValue, number.problem($0) == nil) }
                    default:
                        continue
                    }
                    guard let check = try Self.check(on: column.name, of: table, in: db) else {
                        XCTFail("\(table).\(column.name) has no CHECK")
                        continue
                    }
                    // A note's version has no upper bound here ("version >= 1"); the hub's is a
                    // typing limit no workstation reaches.
                    if case .number(let number, _) = rule, !check.contains("BETWEEN"), !check.contains("<=") {
                        samples = samples.filter { (Double.fromDatabaseValue($0.0) ?? 0) <= number.range.upperBound }
                    }
                    for (value, accepted) in samples {
                        let passes = try Bool.fetchOne(db, sql: "SELECT \(check) FROM (SELECT ? AS \(column.name))", arguments: [value]) ?? false
                        XCTAssertEqual(passes, accepted, "\(table).\(column.name) = \(value) under CHECK (\(check))")
                    }
                }
            }
        }
    }
}
