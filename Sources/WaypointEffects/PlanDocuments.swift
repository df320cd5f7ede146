import Interchange
import WaypointCore
import WaypointStore

/// Everything the plan document needs about a student, from the database, written in
/// `language` (English when nil).
public func planDocument(_ student: Student, db: AppDatabase, catalogs: Catalogs, today: CivilDate,
                         language: PlanLanguage? = nil) throws -> PlanDocument {
    let school = try db.school(id: student.schoolId)
    return PlanDocument(student: student, school: school?.name ?? "", counselors: try db.counselors(ofStudentId: student.id!).map(\.displayName),
                        plan: try db.plan(studentId: student.id!), years: PlanYears.years(for: school, student: student.grade),
                        catalogs: catalogs, today: today, language: language,
                        testResults: try db.assessmentResults(studentId: student.id!))
}

/// The home languages the student's family contacts give, in their order: what the
/// family's plan is offered in first.
public func homeLanguages(studentId: Int64, db: AppDatabase) throws -> [String] {
    try db.contacts(studentId: studentId).compactMap(\.language)
}
