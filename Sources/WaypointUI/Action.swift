import Foundation
import TerminalKit
import WaypointCore

/// Everything that can change the state: commands from keys, text typed into a field, and
/// the results of effects coming back.
public enum Action: Equatable, Sendable {
    case command(Command)
    /// A key that no binding claimed while a text field has focus.
    case edit(Key)
    case resized(Size)
    case started(counselors: [Counselor], isEmpty: Bool)
    case caseloadLoaded(token: Int, rows: [CaseloadEntry])
    case profileLoaded(token: Int, data: ProfileData)
    /// The main loop's clock: sent before each batch of input and when idle.
    case tick(Date)
    case demoLoaded(students: Int, counselors: [Counselor])
    case failed(String)
    /// A bound key whose command is unavailable right now; the reason goes to the footer.
    case unavailable(String)
    /// The process was asked to end (SIGTERM, SIGHUP): leave as if the counselor quit.
    case terminate
}

/// Work the reducer asks for; the effect runner performs it and answers with actions.
public enum Effect: Equatable, Sendable {
    case loadStartup
    case loadCaseload(counselorId: Int64?, query: String, token: Int)
    case loadDemoDistrict
    case loadProfile(studentId: Int64, viewerId: Int64?, token: Int)
    case setFollowUpStatus(id: Int64, status: FollowUpStatus)
}
