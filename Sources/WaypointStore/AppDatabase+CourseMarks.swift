import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Places imported marks in the students' plans (rules: `CourseMarks.place`,
    /// docs/IMPORTING.md "Marks in the plan"): a course the plan lacks is added as completed
    /// (or failed), a matching course the counselor planned is completed with the
    /// district's mark, and a counselor's entry that disagrees is kept, with the district's
    /// values noted beside it (`plan_course_mark`). Placing the same marks again changes
    /// nothing. With `dryRun` the summary is worked out the same way and nothing is written.
    ///
    /// Each course added or completed is in the audit trail, unless `audited` is false (the
    /// demo district, whose load is one audit row).
    ///
    /// Students are placed a chunk at a time, each chunk in one short transaction (a
    /// counselor's save waits at most that long); a stopped import is finished by importing
    /// the file again, which matches what was placed instead of adding it twice.
    public func placeMarks(_ marks: [ImportedMark], subjectAreas: [RequirementSetCatalog.SubjectArea], today: CivilDate,
                           dryRun: Bool = false, by counselorId: Int64? = nil, audited: Bool = true,
                           now: Date = Date()) throws -> MarkPlacementSummary {
        // Oldest term first: a course failed and retaken fills the planned entry with the
        // first attempt and adds the retake.
        let byStudent = Dictionary(grouping: marks, by: \.studentId).mapValues { marks in
            marks.sorted { ABCTerm.isLater($1.term, than: $0.term) }
        }
        let students = byStudent.keys.sorted()
        var summary = MarkPlacementSummary()
        // A file names a handful of subjects thousands of times.
        var areas: [String: String] = [:]
        func subjectArea(_ subject: String?) -> String {
            let key = subject ?? ""
            if let known = areas[key] { return known }
            let area = CourseMarks.subjectArea(subject, areas: subjectAreas)
            areas[key] = area
            return area
        }
        for start in stride(from: 0, to: students.count, by: Self.markPlacementChunk) {
            let chunk = students[start..<min(students.count, start + Self.markPlacementChunk)]
            let work = { (db: Database) throws in
                for studentId in chunk {
                    try MarkRows.place(byStudent[studentId] ?? [], studentId: studentId, subjectArea: subjectArea,
                                       today: today, write: !dryRun, summary: &summary, db: db,
                                       audit: { db, id, before in
                                           guard audited else { return }
                                           try self.recordChange(db, .changedPlan, .course(id: id), before: before,
                                                                 by: counselorId, extra: "from an imported mark", now: now)
                                       })
                }
            }
            if dryRun { try read(work) } else { try write(work) }
        }
        return summary
    }

    /// Students per transaction when placing marks: about 30 ms of work each.
    static let markPlacementChunk = 100

    /// The counselor takes the district's mark and credits over their own entry: the course
    /// is completed with them and the conflict is gone. Nothing to take (no conflict on the
    /// course) changes nothing and returns false.
    @discardableResult
    public func takeImportedMark(courseId: Int64, by counselorId: Int64?, now: Date = Date()) throws -> Bool {
        try write { db in
            guard try Row.fetchOne(db, sql: "SELECT id FROM plan_course WHERE id = ?", arguments: [courseId]) != nil else {
                throw StoreError.courseNotFound(id: courseId)
            }
            guard let link = try Row.fetchOne(db, sql: """
                SELECT id, mark, credits, term FROM plan_course_mark WHERE planCourseId = ? AND isConflict
                """, arguments: [courseId]) else { return false }
            let before = try AuditSnapshot(db, .course(id: courseId))
            try db.execute(sql: """
                UPDATE plan_course SET status = 'completed', gradeEarned = ?, credits = ?, term = coalesce(term, ?) WHERE id = ?
                """, arguments: [link["mark"], link["credits"], link["term"], courseId])
            try db.execute(sql: "UPDATE plan_course_mark SET isConflict = 0 WHERE id = ?", arguments: [link["id"]])
            try recordChange(db, .changedPlan, .course(id: courseId), before: before, by: counselorId,
                             extra: "took the imported mark", now: now)
            return true
        }
    }
}

/// The SQL behind placing marks.
enum MarkRows {
    static func links(studentId: Int64, db: Database) throws -> [CourseMarkLink] {
        try Row.fetchAll(db, sql: "SELECT * FROM plan_course_mark WHERE studentId = ? ORDER BY id", arguments: [studentId]).map { row in
            CourseMarkLink(studentId: row["studentId"], planCourseId: row["planCourseId"],
                           source: MarkSource(rawValue: row["source"]) ?? .abc, term: row["term"], course: row["course"],
                           mark: row["mark"], credits: row["credits"], addedCourse: row["addedCourse"],
                           isConflict: row["isConflict"])
        }
    }

    /// One student's marks, against their plan as it is now (and as each mark leaves it).
    static func place(_ marks: [ImportedMark], studentId: Int64, subjectArea: (String?) -> String,
                      today: CivilDate, write: Bool,
                      summary: inout MarkPlacementSummary, db: Database,
                      audit: (Database, Int64, AuditSnapshot?) throws -> Void) throws {
        guard let student = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT student.grade, givenName, familyName, preferredName, localId, school.lowGrade, school.highGrade
            FROM student LEFT JOIN school ON school.id = student.schoolId WHERE student.id = ?
            """), arguments: [studentId]) else { throw StoreError.studentNotFound(id: studentId) }
        let grade: Grade = student["grade"] ?? Grade(rawValue: 9)!
        // Marks go into the plan's years that hold courses (none below grade 6).
        let years = PlanYears.courseYears(PlanYears.years(lowGrade: student["lowGrade"], highGrade: student["highGrade"], student: grade))
        var courses = try Row.fetchAll(db, sql: "SELECT * FROM plan_course WHERE studentId = ? ORDER BY year, id",
                                       arguments: [studentId]).map(PlanRows.course)
        var links = try links(studentId: studentId, db: db)
        var planEnsured = false
        // Dry run: courses it would add get ids no row has, so later marks see them.
        var nextUnsavedId: Int64 = -1
        for mark in marks {
            let credits = mark.credits ?? CourseMarks.defaultCredits(ofTerm: mark.term)
            let previousIndex = links.firstIndex { $0.term == mark.term && $0.course == mark.course }
            let previous = previousIndex.map { links[$0] }
            let placement = CourseMarks.place(
                mark, year: CourseMarks.grade(ofTerm: mark.term, studentGrade: grade, today: today), years: years, credits: credits,
                subject: subjectArea(mark.subject), courses: courses, links: links,
                previous: previous)
            var link = CourseMarkLink(studentId: studentId, planCourseId: nil, source: mark.source, term: mark.term,
                                      course: mark.course, mark: mark.mark.description, credits: credits,
                                      addedCourse: previous?.addedCourse ?? false, isConflict: false)
            switch placement {
            case .unchanged:
                summary.unchanged += 1
                continue
            case .removed:
                summary.removed += 1
                continue
            case .outsidePlan:
                summary.outsidePlan += 1
                continue
            case .add(var course):
                if write {
                    if !planEnsured { try PlanRows.ensurePlan(studentId: studentId, db: db) }
                    planEnsured = true
                    try db.cachedStatement(sql: """
                        INSERT INTO plan_course (studentId, year, title, subject, credits, level, term, status, gradeEarned)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [studentId, course.year.rawValue, course.title, course.subject, course.credits,
                                         course.level.rawValue, course.term, course.status.rawValue, course.gradeEarned])
                    course.id = db.lastInsertedRowID
                    try audit(db, course.id!, nil)
                } else {
                    course.id = nextUnsavedId
                    nextUnsavedId -= 1
                }
                courses.append(course)
                link.planCourseId = course.id
                link.addedCourse = true
                summary.added += 1
            case .update(let course):
                link.planCourseId = course.id
                let index = courses.firstIndex { $0.id == course.id }
                if let index, courses[index] != course {
                    if write, let id = course.id {
                        let before = try AuditSnapshot(db, .course(id: id))
                        try db.cachedStatement(sql: """
                            UPDATE plan_course SET status = ?, gradeEarned = ?, credits = ?, term = ? WHERE id = ?
                            """).execute(arguments: [course.status.rawValue, course.gradeEarned, course.credits, course.term, id])
                        try audit(db, id, before)
                    }
                    courses[index] = course
                    summary.completed += 1
                } else {
                    summary.unchanged += 1
                }
            case .conflict(let course):
                link.planCourseId = course.id
                link.isConflict = true
                let name = (student["preferredName"] as String?) ?? (student["givenName"] as String? ?? "")
                let theirs = "\(course.status == .completed ? course.gradeEarned ?? "no mark" : course.status.title), "
                    + "\(CreditFormat.text(course.credits)) cr"
                summary.conflicts.append("\(name) \(student["familyName"] as String? ?? "") (\(student["localId"] as String? ?? "")), "
                    + "\(course.title) \(mark.term): plan says \(theirs); \(mark.source.title) says \(link.importedText)")
                if previous == link { continue }
            }
            if write {
                try db.cachedStatement(sql: """
                    INSERT INTO plan_course_mark (studentId, term, course, source, mark, credits, planCourseId, addedCourse, isConflict)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (studentId, term, course) DO UPDATE SET source = excluded.source, mark = excluded.mark,
                        credits = excluded.credits, planCourseId = excluded.planCourseId, addedCourse = excluded.addedCourse,
                        isConflict = excluded.isConflict
                    """).execute(arguments: [studentId, link.term, link.course, link.source.rawValue, link.mark, link.credits,
                                     link.planCourseId, link.addedCourse, link.isConflict])
            }
            if let previousIndex { links[previousIndex] = link } else { links.append(link) }
        }
    }
}
