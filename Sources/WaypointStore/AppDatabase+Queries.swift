import GRDB
import WaypointCore

extension AppDatabase {
    /// Counselors in the order a picker lists them: family name, then given name.
    public func allCounselors() throws -> [Counselor] {
        try read { db in
            try Counselor.order(Column("familyName"), Column("givenName"), Column("id")).fetchAll(db)
        }
    }

    public func counselor(id: Int64) throws -> Counselor? {
        try read { db in try Counselor.fetchOne(db, key: id) }
    }

    /// Every counselor whose caseload holds the student (usually one).
    public func counselors(ofStudentId studentId: Int64) throws -> [Counselor] {
        try read { db in
            try Counselor.fetchAll(db, sql: """
                SELECT counselor.* FROM counselor
                JOIN caseload ON caseload.counselorId = counselor.id
                WHERE caseload.studentId = ?
                ORDER BY counselor.familyName, counselor.givenName, counselor.id
                """, arguments: [studentId])
        }
    }

    public func allSchools() throws -> [School] {
        try read { db in try School.order(Column("name"), Column("id")).fetchAll(db) }
    }

    public func school(id: Int64) throws -> School? {
        try read { db in try School.fetchOne(db, key: id) }
    }

    /// All students, active or not.
    public func studentCount() throws -> Int {
        try read { db in try Student.fetchCount(db) }
    }

    /// True before any student was imported or loaded: the cue to offer the demo district.
    public func isEmpty() throws -> Bool {
        try studentCount() == 0
    }

    public func student(id: Int64) throws -> Student? {
        try read { db in try Student.fetchOne(db, key: id) }
    }

    /// The student with the ID the school uses, which is what counselors type.
    public func student(localId: String) throws -> Student? {
        try read { db in try Student.filter(Student.Columns.localId == localId).fetchOne(db) }
    }

    /// The student with the roster system's identifier, for scripts that speak OneRoster.
    public func student(sourcedId: String) throws -> Student? {
        try read { db in try Student.filter(Column("sourcedId") == sourcedId).fetchOne(db) }
    }

    /// The active students on a counselor's caseload (nil: the whole district), optionally
    /// in one grade, in the order a caseload is read: folded "Family, First", then local ID.
    public func caseload(counselorId: Int64?, grade: Grade? = nil) throws -> [CaseloadEntry] {
        var entries = try read { db in
            try AppDatabase.fetchEntries(db, counselorId: counselorId, grade: grade, matching: nil)
        }
        AppDatabase.sortForCaseload(&entries)
        return entries
    }

    /// Active students with their school name, restricted as asked. Unordered.
    static func fetchEntries(_ db: Database, counselorId: Int64?, grade: Grade?,
                             matching filter: SQL?) throws -> [CaseloadEntry] {
        // Columns by position (`Student.caseloadColumns`, then lastContact): looking each
        // one up by name compared names for every column of every row of a district.
        var sql: SQL = """
            SELECT \(sql: Student.caseloadColumns),
                   -- seen alone or in a group session, whichever was last
                   nullif(max(coalesce((SELECT max(startedAt) FROM advising_session
                                        WHERE advising_session.studentId = student.id AND NOT advising_session.isArchived), ''),
                              coalesce((SELECT max(s.startedAt) FROM session_student g JOIN advising_session s ON s.id = g.sessionId
                                        WHERE g.studentId = student.id AND NOT s.isArchived), '')), '') AS lastContact
            FROM student
            JOIN school ON school.id = student.schoolId
            """
        if let counselorId {
            sql += " JOIN caseload ON caseload.studentId = student.id AND caseload.counselorId = \(counselorId)"
        }
        sql += " WHERE student.isActive"
        if let grade {
            sql += " AND student.grade = \(grade)"
        }
        if let filter {
            sql += " AND (\(filter))"
        }
        // One string per school, shared by its students' rows, not one read per row.
        let schoolNames = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, name FROM school").map { row in
            (row[0] as Int64, row[1] as String)
        })
        let lastContactColumn = Student.caseloadColumnCount
        let rows = try SQLRequest<Row>(literal: sql).fetchCursor(db)
        var entries: [CaseloadEntry] = []
        while let row = try rows.next() {
            let student = try Student(caseloadRow: row)
            entries.append(CaseloadEntry(student: student, schoolName: schoolNames[student.schoolId] ?? "",
                                         lastContact: try row.decode(atIndex: lastContactColumn)))
        }
        return entries
    }

    /// Sorted in Swift, not SQL: the order must be by folded names ("Ñúñez" beside "Nunez")
    /// and match `SearchRanking`'s tie-break exactly, and SQLite cannot fold like Core does.
    /// Positions are sorted, then the rows moved into place where they are: a district's
    /// rows held twice (as read and as ordered) were the screen's peak memory.
    static func sortForCaseload(_ entries: inout [CaseloadEntry]) {
        let order: [Int] = {
            let keys = entries.map { (sortKey: $0.student.sortKey, localId: $0.student.localId) }
            return keys.indices.sorted { Student.precedesByName(keys[$0], keys[$1]) }
        }()
        // order[place] is the row that belongs at place: follow each cycle of the permutation.
        var placed = [Bool](repeating: false, count: order.count)
        for start in order.indices where !placed[start] {
            let first = entries[start]
            var place = start
            while true {
                placed[place] = true
                let source = order[place]
                if source == start {
                    entries[place] = first
                    break
                }
                entries[place] = entries[source]
                place = source
            }
        }
    }
}

extension AppDatabase {
    /// Each student's counselor (the first, by name, when a student has several), for reports.
    public func counselorNamesByStudent() throws -> [Int64: String] {
        try read { db in
            var result: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT caseload.studentId, counselor.givenName || ' ' || counselor.familyName AS name
                FROM caseload JOIN counselor ON counselor.id = caseload.counselorId
                ORDER BY counselor.familyName, counselor.givenName
                """) where result[row["studentId"]] == nil {
                result[row["studentId"]] = row["name"]
            }
            return result
        }
    }
}
