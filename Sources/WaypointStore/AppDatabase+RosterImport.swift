import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Applies a validated roster: records are matched by sourcedId (a student added by hand,
    /// by local ID: see `WalkIn`), added, updated or merged, and (for bulk files) those the roster no longer lists are made
    /// inactive, never deleted, so their sessions and plans stay. Sessions, plans and
    /// follow-ups are never touched. Importing the same bundle twice changes nothing.
    ///
    /// With `dryRun` the same work runs in one transaction and is rolled back: the summary is
    /// exactly what a real import would report, and the database is unchanged.
    ///
    /// `progress` is called now and then with the records applied so far and the total, so a
    /// terminal can show how far a large import has come.
    ///
    /// A real import leaves one audit row with its counts, credited to `counselorId` if known.
    ///
    /// A real import is applied in short transactions (``ImportPacing``), so a counselor's
    /// save waits at most about a second meanwhile (issue 12): what could stop it part-way
    /// (a school nobody has, a local ID another student holds) is checked first, in the
    /// transaction that writes the `import_batch` row keeping the bundle; each chunk then
    /// applies the next records and moves the batch's position in the same transaction. A
    /// kill between chunks applies nothing twice; ``finishInterruptedImports(pacing:)``
    /// (doctor --fix, the next import) applies the rest from the kept bundle. Readers may see
    /// part of the roster for the seconds the chunks take.
    public func importRoster(_ bundle: RosterBundle, dryRun: Bool = false, by counselorId: Int64? = nil, source: String = "",
                             pacing: ImportPacing = .standard,
                             progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws -> RosterImportSummary {
        struct RollBack: Error { var summary: RosterImportSummary }
        guard !dryRun else {
            do {
                return try write { db in
                    var applier = RosterApplier(db: db, bundle: bundle)
                    applier.progress = progress
                    throw RollBack(summary: try applier.apply())
                }
            } catch let rollBack as RollBack {
                return rollBack.summary
            }
        }
        try finishInterruptedImports(pacing: pacing)
        let payload = try RosterState.payload(bundle)
        let digest = RosterState.digest(payload)
        if let summary = try importedUnchanged(bundle, digest: digest, by: counselorId, source: source) { return summary }
        let id = try write { db in
            let applier = RosterApplier(db: db, bundle: bundle)
            try applier.check()
            let id = try ImportBatch.begin(db, .oneroster, source: source, counselorId: counselorId, total: applier.steps,
                                           counts: RosterImportSummary(), payload: payload)
            try RosterState.follow(db, batch: id)
            return id
        }
        return try applyRoster(id, bundle, digest: digest, pacing: pacing, progress: progress)
    }

    /// The same bundle as the last import applied whole, onto roster tables nobody has
    /// written to since: applying it would change nothing, so it is not applied (at 50,000
    /// students that is most of a minute of comparing records to find nothing; issue 17).
    /// It reports and records exactly what the full path would: nothing added, updated or
    /// deactivated, the hand edits kept, one done batch and the same audit row.
    private func importedUnchanged(_ bundle: RosterBundle, digest: String, by counselorId: Int64?,
                                   source: String) throws -> RosterImportSummary? {
        try write { db in
            guard let kept = try RosterState.unchanged(db, digest: digest) else { return nil }
            var summary = RosterImportSummary()
            summary.contactEditsKept = kept
            let steps = RosterApplier(db: db, bundle: bundle).steps
            let id = try ImportBatch.begin(db, .oneroster, source: source, counselorId: counselorId, total: steps,
                                           counts: summary)
            try ImportBatch.advance(db, id, to: steps, counts: summary)
            try recordRosterImport(db, summary, counselorId: counselorId, source: source)
            try ImportBatch.finish(db, id)
            return summary
        }
    }

    /// The audit row of an import: its counts on one line.
    private func recordRosterImport(_ db: Database, _ summary: RosterImportSummary, counselorId: Int64?, source: String) throws {
        try recordAudit(db, AuditEntry(.importedRoster, counselorId: counselorId, subject: source,
                                       detail: summary.description.replacingOccurrences(of: "\n", with: "; ")))
    }

    /// Applies the rest of a roster batch that stopped part-way, from the bundle it kept.
    func resumeRoster(_ id: Int64, pacing: ImportPacing) throws -> RosterImportSummary {
        let payload = try read { db in try Data.fetchOne(db, sql: "SELECT payload FROM import_batch WHERE id = ?", arguments: [id]) }
        guard let payload else { return try ImportBatch.counts(writer, id, as: RosterImportSummary.self) }
        return try applyRoster(id, try JSONDecoder().decode(RosterBundle.self, from: payload), digest: RosterState.digest(payload),
                               pacing: pacing, progress: nil)
    }

    /// The chunks of a roster batch, from where its row says it stands; the last one writes
    /// the audit row, keeps `digest` (the bundle's) as what the roster tables now hold, and
    /// marks the batch done.
    private func applyRoster(_ id: Int64, _ bundle: RosterBundle, digest: String, pacing: ImportPacing,
                             progress: ((Int, Int) -> Void)?) throws -> RosterImportSummary {
        try inChunks(pacing, stage: "oneroster", partWay: PartWay.importing) { db, chunk in
            guard let (position, summary) = try ImportBatch.applying(db, id, as: RosterImportSummary.self) else { return true }
            try RosterState.chunkBegins(db, batch: id)
            var applier = RosterApplier(db: db, bundle: bundle)
            applier.progress = progress
            applier.summary = summary
            // A hundred records at a time, until the chunk's size or deadline.
            var end = position
            while end < applier.steps, chunk.wants(end - position) {
                let next = min(applier.steps, position + chunk.size, end + 100)
                try applier.apply(end..<next)
                end = next
            }
            try ImportBatch.advance(db, id, to: end, counts: applier.summary)
            guard end == applier.steps else {
                try RosterState.chunkEnds(db, batch: id)
                return false
            }
            try RosterState.finished(db, batch: id, digest: digest, contactEditsKept: applier.summary.contactEditsKept)
            let batch = try Row.fetchOne(db, sql: "SELECT source, counselorId FROM import_batch WHERE id = ?", arguments: [id])
            try recordRosterImport(db, applier.summary, counselorId: batch?["counselorId"], source: batch?["source"] ?? "")
            try ImportBatch.finish(db, id)
            return true
        }
        return try ImportBatch.counts(writer, id, as: RosterImportSummary.self)
    }
}

/// The steps of one import, inside its transaction (a dry run) or its chunks' transactions.
private struct RosterApplier {
    let db: Database
    let bundle: RosterBundle
    var summary = RosterImportSummary()
    var progress: ((Int, Int) -> Void)?
    var done = 0

    private var total: Int { bundle.students.count + bundle.counselors.count + bundle.caseloads.count + bundle.contacts.count }

    /// Counts one applied record and reports every thousand.
    private mutating func step() {
        done += 1
        if done % 1000 == 0 || done == total { progress?(done, total) }
    }

    init(db: Database, bundle: RosterBundle) {
        self.db = db
        self.bundle = bundle
    }

    mutating func apply() throws -> RosterImportSummary {
        try apply(0..<steps)
        return summary
    }

    /// Positions in the order they are applied: 0 the schools, then each student, then one
    /// for the students a bulk roster no longer lists and all the counselors, then each
    /// caseload pair, then each family contact, then one for the assignments and contacts a
    /// bulk roster no longer lists.
    var steps: Int { bundle.students.count + bundle.caseloads.count + bundle.contacts.count + 3 }

    /// Applies the records at `positions` (a chunk).
    mutating func apply(_ positions: Range<Int>) throws {
        let students = 1..<bundle.students.count + 1
        let caseloads = students.upperBound + 1..<students.upperBound + 1 + bundle.caseloads.count
        let contacts = caseloads.upperBound..<caseloads.upperBound + bundle.contacts.count
        func slice(_ part: Range<Int>) -> Range<Int> {
            let overlap = positions.clamped(to: part)
            return overlap.lowerBound - part.lowerBound..<overlap.upperBound - part.lowerBound
        }
        done = slice(students).lowerBound + slice(caseloads).lowerBound + slice(contacts).lowerBound
            + (positions.lowerBound > students.upperBound ? bundle.counselors.count : 0)
        var schoolIds: [String: Int64] = [:]
        if positions.contains(0) {
            schoolIds = try applySchools()
            // A few hundred rows at most: written with the schools, in the first chunk.
            summary.courses = try RosterCourseRows.apply(bundle.courses, mode: bundle.coursesMode, db: db)
        }
        try applyStudents(slice(students), schoolIds: schoolIds)
        if positions.contains(students.upperBound) {
            try deactivateUnlistedStudents()
            try applyCounselors()
        }
        try applyCaseloads(slice(caseloads))
        try applyContacts(slice(contacts))
        if positions.contains(contacts.upperBound) {
            try removeUnlistedCaseloads()
            if bundle.usersMode == .bulk { summary.contacts.deactivated += try ContactRows.deactivateUnlisted(bundle.contacts, db: db) }
        }
    }

    /// What would stop the import part-way, found before anything is written: a student's
    /// school that neither the roster nor the database has, or a local ID that another
    /// student holds when the student comes to be written (the order the unique index sees).
    func check() throws {
        let schools = Set(bundle.schools.map(\.sourcedId))
            .union(try String.fetchAll(db, sql: "SELECT sourcedId FROM school WHERE sourcedId IS NOT NULL"))
        if let orphan = bundle.students.first(where: { !schools.contains($0.schoolSourcedId) }) {
            throw StoreError.unknownRosterSchool(sourcedId: orphan.schoolSourcedId, studentSourcedId: orphan.sourcedId)
        }
        var holder: [String: String] = [:]      // local ID -> the student holding it (sourcedId, or row id)
        var localIds: [String: String] = [:]    // sourcedId -> local ID
        var walkIns: Set<String> = []           // local IDs held by students added by hand
        for row in try Row.fetchAll(db, sql: "SELECT id, sourcedId, localId, source FROM student") {
            let sourcedId: String? = row["sourcedId"]
            holder[row["localId"]] = sourcedId ?? "\u{1F}\(row["id"] as Int64)"
            if let sourcedId { localIds[sourcedId] = row["localId"] }
            if row["source"] == WalkIn.source { walkIns.insert(row["localId"]) }
        }
        for student in bundle.students {
            // A walk-in holding the local ID of a student the database does not have yet is
            // that student: the import merges them (`applyStudents`). A student already
            // here under another local ID cannot take a walk-in's: that stops the import.
            if walkIns.contains(student.localId), localIds[student.sourcedId] == nil {
                walkIns.remove(student.localId)
            } else if let owner = holder[student.localId], owner != student.sourcedId {
                throw StoreError.duplicateLocalId(student.localId)
            }
            if let old = localIds[student.sourcedId], holder[old] == student.sourcedId { holder[old] = nil }
            holder[student.localId] = student.sourcedId
            localIds[student.sourcedId] = student.localId
        }
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

    private mutating func applyStudents(_ range: Range<Int>, schoolIds: [String: Int64]) throws {
        guard !range.isEmpty else { return }
        var schoolIds = schoolIds
        // The chunk's students, read at once: a query per roster row is most of the time of
        // a district-sized import.
        var stored: [String: Student] = [:]
        let sourcedIds = String(decoding: try JSONEncoder().encode(bundle.students[range].map(\.sourcedId)), as: UTF8.self)
        for student in try Student.filter(sql: "sourcedId IN (SELECT value FROM json_each(?))", arguments: [sourcedIds]).fetchAll(db) {
            if let sourcedId = student.sourcedId { stored[sourcedId] = student }
        }
        // Students added by hand, by local ID: few, so read whole.
        var walkIns: [String: Student] = [:]
        for student in try Student.filter(sql: "source = ?", arguments: [WalkIn.source]).fetchAll(db) {
            walkIns[student.localId] = student
        }
        // A first import (or a district's new school) inserts thousands in a chunk: indexed
        // for search together, at the end of it.
        if bundle.students[range].contains(where: { stored[$0.sourcedId] == nil && walkIns[$0.localId] == nil }) {
            try StudentFullText.indexingInsertsAtTheEnd(db) {
                try applyStudents(range, schoolIds: &schoolIds, stored: &stored, walkIns: &walkIns)
            }
        } else {
            try applyStudents(range, schoolIds: &schoolIds, stored: &stored, walkIns: &walkIns)
        }
    }

    /// The chunk's students, each added, updated, merged with a walk-in or left as it is.
    private mutating func applyStudents(_ range: Range<Int>, schoolIds: inout [String: Int64], stored: inout [String: Student],
                                        walkIns: inout [String: Student]) throws {
        for incoming in bundle.students[range] {
            step()
            if schoolIds[incoming.schoolSourcedId] == nil {
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM school WHERE sourcedId = ?",
                                                  arguments: [incoming.schoolSourcedId]) else {
                    throw StoreError.unknownRosterSchool(sourcedId: incoming.schoolSourcedId,
                                                         studentSourcedId: incoming.sourcedId)
                }
                schoolIds[incoming.schoolSourcedId] = id
            }
            let schoolId = schoolIds[incoming.schoolSourcedId]!
            if stored[incoming.sourcedId] == nil, let walkIn = walkIns.removeValue(forKey: incoming.localId) {
                // The same row takes the roster's identity and fields, so every session, note,
                // plan, follow-up, contact and intervention recorded on it stays with it.
                var changed = merged(walkIn, incoming, schoolId: schoolId)
                changed.isWalkIn = false
                if WalkIn.namesDiffer(walkIn, givenName: incoming.givenName, familyName: incoming.familyName) {
                    summary.walkInRenames.append(WalkInRename(localId: incoming.localId, typed: walkIn.displayName,
                                                              roster: changed.displayName))
                }
                try update(changed)
                stored[incoming.sourcedId] = changed
                summary.walkInsMerged += 1
            } else if let existing = stored[incoming.sourcedId] {
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
    }

    /// A bulk roster is the whole picture: an active student it no longer lists is made inactive.
    private mutating func deactivateUnlistedStudents() throws {
        guard bundle.usersMode == .bulk else { return }
        let listed = Set(bundle.students.map(\.sourcedId))
        let active = try Row.fetchAll(db, sql: "SELECT id, sourcedId FROM student WHERE sourcedId IS NOT NULL AND isActive ORDER BY id")
        for row in active where !listed.contains(row["sourcedId"]) {
            guard var student = try Student.fetchOne(db, key: row["id"] as Int64) else { continue }
            student.isActive = false
            try student.update(db)
            summary.students.deactivated += 1
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
            step()
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

    private mutating func applyCaseloads(_ range: Range<Int>) throws {
        guard !range.isEmpty else { return }
        // Prepared once: compiling the statement again for each of 50,000 pairs costs more than running it.
        let assign = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO caseload (counselorId, studentId)
            SELECT counselor.id, student.id FROM counselor, student
            WHERE counselor.sourcedId = ? AND student.sourcedId = ?
            """)
        for pair in bundle.caseloads[range] {
            step()
            try assign.execute(arguments: [pair.counselorSourcedId, pair.studentSourcedId])
            summary.caseloadsAdded += db.changesCount
        }
    }

    private mutating func applyContacts(_ range: Range<Int>) throws {
        for incoming in bundle.contacts[range] {
            step()
            let (counts, keptEdits) = try ContactRows.apply(incoming, bulk: bundle.usersMode == .bulk, db: db)
            summary.contacts.added += counts.added
            summary.contacts.updated += counts.updated
            summary.contacts.deactivated += counts.deactivated
            if keptEdits { summary.contactEditsKept += 1 }
        }
    }

    private mutating func removeUnlistedCaseloads() throws {
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
