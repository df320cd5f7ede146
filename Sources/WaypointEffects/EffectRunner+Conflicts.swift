import WaypointCore
import WaypointStore
import WaypointUI

extension EffectRunner {
    /// The refused save again, now compared with what is stored: applied only if the
    /// counselor, having seen both versions, chooses theirs over mine (and refused once more
    /// if a third change lands in between). Nil where there is nothing to apply over theirs.
    func retry(of effect: Effect) throws -> Effect? {
        switch effect {
        case .changePlan(let change, let counselorId, _):
            guard let studentId = change.studentId(in: database) else { return nil }
            return .changePlan(change, userId: counselorId, loaded: try database.plan(studentId: studentId))
        case .saveSession(var save):
            guard let sessionId = save.sessionId else { return nil }
            save.payload.loadedNoteVersion = try database.session(id: sessionId, viewerId: save.authorId).session.noteVersion
            return .saveSession(save)
        default:
            // A follow-up closed elsewhere is closed: there is nothing of mine to apply over it.
            return nil
        }
    }
}

extension PlanChange {
    /// Whose plan the change is to (a course change names only the course).
    func studentId(in database: AppDatabase) -> Int64? {
        switch self {
        case .addCourse(let course), .updateCourse(let course): course.studentId
        case .moveCourse(let id, _), .removeCourse(let id), .takeImportedMark(let id): (try? database.course(id: id))??.studentId
        case .setMilestone(let record): record.studentId
        case .setPathway(let studentId, _, _), .setGoals(let studentId, _): studentId
        case .addWorkBasedLearning, .addCollegeCredit, .addCertification, .addEvidence, .removeEntry: nil
        }
    }
}
