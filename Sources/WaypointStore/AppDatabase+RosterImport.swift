import GRDB
import WaypointCore

extension AppDatabase {
    /// Applies a validated roster in one transaction: records are matched by sourcedId,
    /// added or updated, and (for bulk files) those the roster no longer lists are made
    /// inactive, never deleted, so their sessions and plans stay. Sessions, plans and
    /// follow-ups are never touched. Importing the same bundle twice changes nothing.
    ///
    /// With `dryRun` the same work runs and is rolled back: the summary is exactly what a
    /// real import would report, and the database is unchanged.
    ///
    /// `progress` is called now and then with the records applied so far and the total, so a
    /// terminal can show how far a large import has come; an error it throws (the counselor
    /// cancelled) ends the import and rolls it back whole.
    ///
    /// A real import leaves one audit row with its counts, credited to `counselorId` if known.
    public func importRoster(_ bundle: RosterBundle, dryRun: Bool = false, by counselorId: Int64? = nil, source: String = "",
                             progress: ((_ done: Int, _ total: Int) throws -> Void)? = nil) throws -> RosterImportSummary {
        struct RollBack: Error { var summary: RosterImportSummary }
        do {
            return try write { db in
                var applier = RosterApplier(db: db, bundle: bundle)
                applier.progress = progress
                let summary = try applier.apply()
                if dryRun { throw RollBack(summary: summary) }
                try recordAudit(db, AuditEntry(.importedRoster, counselorId: counselorId, subject: source,
                                               detail: summary.description.replacingOccurrences(of: "\n", with: "; ")))
                return summary
            }
        } catch let rollBack as RollBack {
            return rollBack.summary
        }
    }
}

/// The steps of one import, inside its transaction.
private struct RosterApplier {
    let db: Database
    let bundle: RosterBundle
    var summary = RosterImportSummary()
    var progress: ((Int, Int) throws -> Void)?
    private var done = 0

    private var total: Int { bundle.students.count + bundle.counselors.count + bundle.caseloads.count }

    /// Counts one applied record and reports every thousand.
    private mutating func step() throws {
        done += 1
        if done % 1000 == 0 || done == total { try progress?(done, total) }
    }

    init(db: Database, bundle: RosterBundle) {
        self.db = db
        self.bundle = bundle
    }

    mutating func apply() throws -> RosterImportSummary {
        let schoolIds = try applySchools()
        try applyStudents(schoolIds: schoolIds)
        try applyCounselors()
        try applyCaseloads()
        return summary
    }

    private mutating func applySchools() throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for school in bundle.schools {
            let row = try Row.fetchOne(db, sql: "SELECT id, name, parentSourcedId FROM school WHERE sourcedId = ?",
                                       arguments: [school.sourcedId])
            if let row {
                let id: Int64 = row["id"]
                ids[school.sourcedId] = id
                if row["name"] != school.name || row["parentSourcedId"] as String? != school.parentSourcedId {
                    try db.execute(sql: "UPDATE school SET name = ?, parentSourcedId = ? WHERE id = ?",
                                   arguments: [school.name, school.parentSourcedId, id])
                    summary.schools.updated += 1
                }
            } else {
                var record = School(sourcedId: school.sourcedId, name: school.name)
                try record.insert(db)
                try db.execute(sql: "UPDATE school SET parentSourcedId = ? WHERE id = ?",
                               arguments: [school.parentSourcedId, record.id])
                ids[school.sourcedId] = record.id
                summary.schools.added += 1
            }
        }
        return ids
    }

    private mutating func applyStudents(schoolIds: [String: Int64]) throws {
        var schoolIds = schoolIds
        // Every student a roster can match, read once: a query per roster row is most of
        // the time of a district-sized import.
        var stored: [String: Student] = [:]
        for student in try Student.filter(Column("sourcedId") != nil).fetchAll(db) {
            if let sourcedId = student.sourcedId { stored[sourcedId] = student }
        }
        for incoming in bundle.students {
            try step()
            if schoolIds[incoming.schoolSourcedId] == nil {
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM school WHERE sourcedId = ?",
                                                  arguments: [incoming.schoolSourcedId]) else {
                    throw StoreError.unknownRosterSchool(sourcedId: incoming.schoolSourcedId,
                                                         studentSourcedId: incoming.sourcedId)
                }
                schoolIds[incoming.schoolSourcedId] = id
            }
            let schoolId = schoolIds[incoming.schoolSourcedId]!
            if let existing = stored[incoming.sourcedId] {
                let changed = merged(existing, incoming, schoolId: schoolId)
                guard changed != existing else { continue }
                if existing.isActive && !changed.isActive {
                    summary.students.deactivated += 1
                } else {
                    summary.students.updated += 1
                }
                try update(changed)
                stored[incoming.sourcedId] = changed
            } else {
                // Grade K stands in until the roster gives a grade (the reader warned).
                let new = merged(Student(localId: incoming.localId, givenName: "", familyName: "",
                                         grade: incoming.grade ?? Grade(rawValue: 0)!, schoolId: schoolId),
                                 incoming, schoolId: schoolId)
                stored[incoming.sourcedId] = try AppDatabase.insert(new, in: db)
                summary.students.added += 1
            }
        }
        if bundle.usersMode == .bulk {
            let listed = Set(bundle.students.map(\.sourcedId))
            let stale = stored.values.filter { $0.isActive && !listed.contains($0.sourcedId ?? "") }.sorted { $0.id! < $1.id! }
            for var student in stale {
                student.isActive = false
                try student.update(db)
                summary.students.deactivated += 1
            }
        }
    }

    private func update(_ student: Student) throws {
        do {
            try student.update(db)
        } catch let error as DatabaseError
            where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE && error.message?.contains("student.localId") == true {
            throw StoreError.duplicateLocalId(student.localId)
        }
    }

    /// The stored student with the roster's values; fields the roster does not carry
    /// (English learner and the like) keep what the counselor or an earlier import set.
    private func merged(_ existing: Student, _ incoming: RosterStudent, schoolId: Int64) -> Student {
        var student = existing
        student.sourcedId = incoming.sourcedId
        student.localId = incoming.localId
        student.givenName = incoming.givenName
        student.middleName = incoming.middleName
        student.familyName = incoming.familyName
        student.preferredName = incoming.preferredName
        if let grade = incoming.grade { student.grade = grade }
        student.schoolId = schoolId
        if let demographics = incoming.demographics {
            student.birthDate = demographics.birthDate
            student.gender = demographics.gender
            student.raceEthnicity = demographics.raceEthnicity
        }
        student.isActive = incoming.isActive
        return student
    }

    private mutating func applyCounselors() throws {
        for counselor in bundle.counselors {
            try step()
            let values: [DatabaseValueConvertible?] = [counselor.givenName, counselor.familyName, counselor.email,
                                                       counselor.username, counselor.isActive]
            if let row = try Row.fetchOne(db, sql: """
                SELECT id, givenName, familyName, email, username, isActive FROM counselor WHERE sourcedId = ?
                """, arguments: [counselor.sourcedId]) {
                let stored: [DatabaseValue] = ["givenName", "familyName", "email", "username", "isActive"].map { row[$0] }
                guard stored != values.map({ $0?.databaseValue ?? .null }) else { continue }
                try db.execute(sql: """
                    UPDATE counselor SET givenName = ?, familyName = ?, email = ?, username = ?, isActive = ? WHERE id = ?
                    """, arguments: StatementArguments(values + [row["id"] as Int64]))
                if (row["isActive"] as Bool) && !counselor.isActive {
                    summary.counselors.deactivated += 1
                } else {
                    summary.counselors.updated += 1
                }
            } else {
                try db.execute(sql: """
                    INSERT INTO counselor (sourcedId, givenName, familyName, email, username, isActive)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: StatementArguments([counselor.sourcedId] + values))
                summary.counselors.added += 1
            }
        }
        if bundle.usersMode == .bulk {
            let listed = Set(bundle.counselors.map(\.sourcedId))
            let rows = try Row.fetchAll(db, sql: "SELECT id, sourcedId FROM counselor WHERE sourcedId IS NOT NULL AND isActive")
            for row in rows where !listed.contains(row["sourcedId"]) {
                try db.execute(sql: "UPDATE counselor SET isActive = 0 WHERE id = ?", arguments: [row["id"] as Int64])
                summary.counselors.deactivated += 1
            }
        }
    }

    private mutating func applyCaseloads() throws {
        // Prepared once: compiling the statement again for each of 50,000 pairs costs more than running it.
        let assign = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO caseload (counselorId, studentId)
            SELECT counselor.id, student.id FROM counselor, student
            WHERE counselor.sourcedId = ? AND student.sourcedId = ?
            """)
        for pair in bundle.caseloads {
            try step()
            try assign.execute(arguments: [pair.counselorSourcedId, pair.studentSourcedId])
            summary.caseloadsAdded += db.changesCount
        }
        // A bulk roster is the whole picture: a counselor's assignments it no longer lists
        // end (a student who moved to another counselor is not on two caseloads). Only the
        // assignment goes; the student, their sessions and plan stay.
        guard bundle.usersMode == .bulk, !bundle.caseloads.isEmpty else { return }
        let keep = Set(bundle.caseloads.map { "\($0.counselorSourcedId)\u{1F}\($0.studentSourcedId)" })
        let current = try Row.fetchAll(db, sql: """
            SELECT caseload.counselorId, caseload.studentId, counselor.sourcedId AS c, student.sourcedId AS s
            FROM caseload JOIN counselor ON counselor.id = caseload.counselorId JOIN student ON student.id = caseload.studentId
            WHERE counselor.sourcedId IS NOT NULL
            """)
        let counselorsInBundle = Set(bundle.counselors.map(\.sourcedId))
        for row in current {
            let counselor: String = row["c"]
            let student: String? = row["s"]
            guard counselorsInBundle.contains(counselor), let student, !keep.contains("\(counselor)\u{1F}\(student)") else { continue }
            try db.execute(sql: "DELETE FROM caseload WHERE counselorId = ? AND studentId = ?",
                           arguments: [row["counselorId"] as Int64, row["studentId"] as Int64])
            summary.caseloadsRemoved += 1
        }
    }
}
