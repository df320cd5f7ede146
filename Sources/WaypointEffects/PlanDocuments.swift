import Interchange
import WaypointCore
import WaypointStore

/// Everything the plan document needs about a student, from the database.
public func planDocument(_ student: Student, db: AppDatabase, catalogs: Catalogs, today: CivilDate) throws -> PlanDocument {
    let school = try db.school(id: student.schoolId)
    return PlanDocument(student: student, school: school?.name ?? "", counselors: try db.counselors(ofStudentId: student.id!).map(\.displayName),
                        plan: try db.plan(studentId: student.id!), years: PlanYears.years(for: school, student: student.grade),
                        catalogs: catalogs, today: today, testResults: try db.assessmentResults(studentId: student.id!))
}
