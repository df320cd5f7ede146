import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// v24: the roster's courses.csv, kept for the course catalog (issue 16, item 1). One row
    /// per course sourcedId, so a re-import updates rather than duplicates. Local only and
    /// leading to no student: the hub keeps its own roster (docs/SYNC.md).
    static func createRosterCourses(_ db: Database) throws {
        try db.create(table: "roster_course") { t in
            t.primaryKey("sourcedId", .text).check(sql: "trim(sourcedId) <> ''")
            t.column("code", .text)
            t.column("title", .text).notNull().check(sql: "trim(title) <> ''")
            // Lists as the roster writes them, comma-separated.
            t.column("grades", .text).notNull().defaults(to: "")
            t.column("subjects", .text).notNull().defaults(to: "")
            t.column("subjectCodes", .text).notNull().defaults(to: "")
            t.column("orgSourcedId", .text).notNull()
            t.column("isActive", .boolean).notNull().defaults(to: true)
        }
    }

    /// The roster's courses, active and not, in the order they were first imported.
    public func rosterCourses() throws -> [RosterCourse] {
        try read { db in try RosterCourseRows.all(db) }
    }

    /// The catalogs with this database's roster courses merged into the course catalog.
    public func catalogsWithRosterCourses(_ catalogs: Catalogs) throws -> Catalogs {
        catalogs.withRosterCourses(try rosterCourses())
    }
}

/// Reading and writing `roster_course`.
enum RosterCourseRows {
    static func all(_ db: Database) throws -> [RosterCourse] {
        try Row.fetchAll(db, sql: "SELECT * FROM roster_course ORDER BY rowid").map { row in
            RosterCourse(sourcedId: row["sourcedId"], code: row["code"], title: row["title"],
                         grades: list(row["grades"]), subjects: list(row["subjects"]),
                         subjectCodes: list(row["subjectCodes"]), orgSourcedId: row["orgSourcedId"],
                         isActive: row["isActive"])
        }
    }

    /// Applies a roster's courses: new ones added, changed ones updated, and taken out of
    /// the catalog (kept, inactive) when a row says `tobedeleted` or, for a bulk file, when
    /// the file no longer lists them. The same file again changes nothing.
    static func apply(_ courses: [RosterCourse], mode: RosterBundle.Mode, db: Database) throws -> RosterImportSummary.Counts {
        var counts = RosterImportSummary.Counts()
        guard mode != .absent else { return counts }
        let stored = Dictionary(try all(db).map { ($0.sourcedId, $0) }, uniquingKeysWith: { first, _ in first })
        for course in courses {
            let arguments: StatementArguments = [course.code, course.title, course.grades.joined(separator: ","),
                                                 course.subjects.joined(separator: ","), course.subjectCodes.joined(separator: ","),
                                                 course.orgSourcedId, course.isActive, course.sourcedId]
            if let old = stored[course.sourcedId] {
                guard old != course else { continue }
                try db.execute(sql: """
                    UPDATE roster_course SET code = ?, title = ?, grades = ?, subjects = ?, subjectCodes = ?,
                        orgSourcedId = ?, isActive = ? WHERE sourcedId = ?
                    """, arguments: arguments)
                if old.isActive && !course.isActive { counts.deactivated += 1 } else { counts.updated += 1 }
            } else {
                try db.execute(sql: """
                    INSERT INTO roster_course (code, title, grades, subjects, subjectCodes, orgSourcedId, isActive, sourcedId)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: arguments)
                if course.isActive { counts.added += 1 }
            }
        }
        if mode == .bulk {
            let listed = Set(courses.map(\.sourcedId))
            for old in stored.values where old.isActive && !listed.contains(old.sourcedId) {
                try db.execute(sql: "UPDATE roster_course SET isActive = 0 WHERE sourcedId = ?", arguments: [old.sourcedId])
                counts.deactivated += 1
            }
        }
        return counts
    }

    private static func list(_ text: String) -> [String] {
        text.split(separator: ",").map(String.init)
    }
}
