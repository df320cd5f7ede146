import WaypointCore
import WaypointStore

/// Performs effects against the database and reports back as actions. The only part of
/// the UI that does I/O; errors become `.failed` actions with a message a counselor can act on.
public final class EffectRunner {
    public let database: AppDatabase
    public var demoSize: (students: Int, counselors: Int?, seed: UInt64)

    public init(database: AppDatabase, demoSize: (students: Int, counselors: Int?, seed: UInt64) = (1200, nil, 2026)) {
        self.database = database
        self.demoSize = demoSize
    }

    public func run(_ effect: Effect) -> [Action] {
        do {
            switch effect {
            case .loadStartup:
                return [.started(counselors: try database.allCounselors(), isEmpty: try database.isEmpty())]
            case .loadCaseload(let counselorId, let query, let token):
                let rows = query.trimmingCharacters(in: .whitespaces).isEmpty
                    ? try database.caseload(counselorId: counselorId)
                    : try database.searchStudents(query, counselorId: counselorId, limit: 500)
                return [.caseloadLoaded(token: token, rows: rows)]
            case .loadProfile(let studentId, let viewerId, let token):
                return [.profileLoaded(token: token, data: try loadProfile(studentId: studentId, viewerId: viewerId))]
            case .setFollowUpStatus(let id, let status):
                try database.setFollowUpStatus(id: id, to: status)
                return []
            case .loadDemoDistrict:
                let district = DemoDistrict.generate(students: demoSize.students, counselors: demoSize.counselors,
                                                     seed: demoSize.seed)
                try database.loadDemoDistrict(district)
                return [.demoLoaded(students: try database.studentCount(), counselors: try database.allCounselors())]
            }
        } catch {
            return [.failed(String(describing: error))]
        }
    }

    private func loadProfile(studentId: Int64, viewerId: Int64?) throws -> ProfileData {
        guard let student = try database.student(id: studentId) else {
            throw StoreError.studentNotFound(id: studentId)
        }
        return ProfileData(
            student: student,
            schoolName: try database.school(id: student.schoolId)?.name ?? "",
            counselorNames: try database.counselors(ofStudentId: studentId).map(\.displayName),
            sessions: try database.sessions(studentId: studentId, viewerId: viewerId),
            followUps: try database.followUps(studentId: studentId))
    }
}
