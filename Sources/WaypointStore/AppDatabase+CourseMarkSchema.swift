import GRDB

extension AppDatabase {
    /// v23: where an imported mark went in the plan (issue 16, item 2). One row per student,
    /// term and course of a district file, so a re-import finds what it placed before; the
    /// district's mark and credits stay here when the counselor's entry disagrees.
    ///
    /// Local only, not synced (docs/SYNC.md, "Not carried yet"): the plan course itself
    /// syncs; another workstation sees the course but not that it came from an import.
    /// `planCourseId` has no foreign key on purpose: sync applies a course by replacing its
    /// row, and a cascade would lose the link. NULL: the counselor removed the course.
    static func addCourseMarks(_ db: Database) throws {
        try db.create(table: "plan_course_mark") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("studentId", .integer).notNull().references("student", onDelete: .restrict)
            t.column("term", .text).notNull().check(sql: "trim(term) <> ''")
            t.column("course", .text).notNull().check(sql: "trim(course) <> ''")
            t.column("source", .text).notNull().check(sql: "source IN ('abc', 'transcript')")
            t.column("mark", .text).notNull().check(sql: "trim(mark) <> ''")
            t.column("credits", .double).notNull().check(sql: "credits > 0 AND credits <= 10")
            t.column("planCourseId", .integer)
            t.column("addedCourse", .boolean).notNull()
            t.column("isConflict", .boolean).notNull().defaults(to: false)
            t.uniqueKey(["studentId", "term", "course"])
        }
        try db.create(index: "plan_course_mark_on_planCourseId", on: "plan_course_mark", columns: ["planCourseId"])
    }
}
