import ArgumentParser
import Interchange
import WaypointCore

// Options whose values are a fixed set take the enum itself: ArgumentParser then checks the
// value, lists the choices in `--help` and in its error, and offers them to shell
// completion. Values that come from a catalog a district can change (subjects, pathways,
// milestones, session and intervention kinds) stay strings, checked against the catalog.
extension CourseLevel: ExpressibleByArgument {}
extension CourseStatus: ExpressibleByArgument {}
extension MilestoneStatus: ExpressibleByArgument {}
extension PostsecondaryGoal: ExpressibleByArgument {}
extension WorkBasedLearningKind: ExpressibleByArgument {}
extension CertificationStatus: ExpressibleByArgument {}
extension FollowUpStatus: ExpressibleByArgument {}
extension ReportGrouping: ExpressibleByArgument {}
extension PlanFormat: ExpressibleByArgument {}

/// How an intervention may end (`intervention close --status`): not every status is a closing one.
enum ClosingStatus: String, CaseIterable, ExpressibleByArgument {
    case completed, discontinued

    var status: InterventionStatus {
        switch self {
        case .completed: .completed
        case .discontinued: .discontinued
        }
    }
}
