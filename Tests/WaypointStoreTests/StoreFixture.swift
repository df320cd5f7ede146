import GRDB
import WaypointCore
import WaypointStore

/// A fresh in-memory database through the real migrator, with one school and counselor,
/// and a terse way to add students to it.
struct StoreFixture {
    let database: AppDatabase
    /// The same database, for tests that must write SQL the store itself would never send.
    let queue: DatabaseQueue
    let school: School
    let counselor: Counselor
    private var nextId = 100_000
    /// The operating-system user the audit trail credits, fixed so tests do not depend on who runs them.
    static let actor = AuditActor("test-user")

    init() throws {
        queue = try DatabaseQueue()
        database = try AppDatabase(queue, actor: StoreFixture.actor)
        school = try database.insertSchool(School(name: "Riverside High School",
                                                  lowGrade: Grade(rawValue: 9), highGrade: Grade(rawValue: 12)))
        counselor = try database.insertCounselor(Counselor(givenName: "Dana", familyName: "Whitfield"))
    }

    /// Inserts a student, on `counselor`'s caseload unless told otherwise.
    @discardableResult
    mutating func add(_ given: String, _ family: String, preferred: String? = nil, middle: String? = nil,
                      grade: Int = 10, localId: String? = nil, assignedTo counselorId: Int64?? = .none,
                      isActive: Bool = true) throws -> Student {
        nextId += 1
        let student = try database.insertStudent(Student(
            localId: localId ?? "S\(nextId)", givenName: given, middleName: middle, familyName: family,
            preferredName: preferred, grade: Grade(rawValue: grade)!, schoolId: school.id!,
            isActive: isActive))
        let owner: Int64? = counselorId ?? counselor.id
        if let owner {
            try database.assign(studentId: student.id!, toCounselorId: owner)
        }
        return student
    }
}
