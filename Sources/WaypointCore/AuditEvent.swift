import Foundation

/// What a counselor (or a command run without one) did to or with the records: the kinds of
/// row the audit trail holds. The raw values are stored, and the schema lists them in a
/// CHECK, so a new case needs a migration too.
public enum AuditAction: String, CaseIterable, Codable, Sendable {
    case viewedProfile, viewedSession, viewedConfidentialNote, viewedPlan
    case addedSession, amendedSession, archivedSession
    case addedFollowUp, changedFollowUp
    case changedPlan
    case addedIntervention, notedIntervention, closedIntervention
    case importedRoster, importedABC, loadedDemo
    case exported, backedUp, restored
    /// Security events: a passphrase set or changed, a counselor taking over the locked
    /// screen, and a wrong passphrase at the lock screen.
    case setPassphrase, changedPassphrase, tookOver, unlockRefused
    /// v10: each wrong passphrase (command line or lock screen); the counselor chosen at the
    /// first start of a database, taken at their word; a district admin made; a first
    /// passphrase issued to a counselor by a district admin.
    case wrongPassphrase, chosenAtFirstStart, madeAdmin, issuedPassphrase

    /// The action in words, for `waypoint audit` and the screen.
    public var title: String {
        switch self {
        case .viewedProfile: "viewed profile"
        case .viewedSession: "viewed session"
        case .viewedConfidentialNote: "viewed confidential note"
        case .viewedPlan: "viewed plan"
        case .addedSession: "added session"
        case .amendedSession: "amended session"
        case .archivedSession: "archived session"
        case .addedFollowUp: "added follow-up"
        case .changedFollowUp: "changed follow-up"
        case .changedPlan: "changed plan"
        case .addedIntervention: "added intervention"
        case .notedIntervention: "noted intervention"
        case .closedIntervention: "closed intervention"
        case .importedRoster: "imported roster"
        case .importedABC: "imported attendance, behavior or marks"
        case .loadedDemo: "loaded demo"
        case .exported: "exported"
        case .backedUp: "backed up"
        case .restored: "restored"
        case .setPassphrase: "set passphrase"
        case .changedPassphrase: "changed passphrase"
        case .tookOver: "took over the screen"
        case .unlockRefused: "unlock refused"
        case .wrongPassphrase: "wrong passphrase"
        case .chosenAtFirstStart: "chosen at the first start"
        case .madeAdmin: "made district admin"
        case .issuedPassphrase: "issued first passphrase"
        }
    }
}

/// One row of the append-only audit trail: who (the counselor at the keyboard, if known, and
/// the operating-system user), when, what, about which student, and the change in words.
/// It never holds the text of a note: the trail says that a confidential note was read, not
/// what it says.
public struct AuditEvent: Equatable, Sendable {
    public var id: Int64
    public var at: Date
    public var counselorId: Int64?
    /// The operating-system user who ran Waypoint, so work done without `--as` is still attributable.
    public var actor: String
    public var action: AuditAction
    public var studentId: Int64?
    /// What it was done to, e.g. "session 42" or "plan course 7 English 10".
    public var subject: String
    /// The change in words, e.g. "status: planned -> completed"; empty for a view.
    public var detail: String

    public init(id: Int64, at: Date, counselorId: Int64?, actor: String, action: AuditAction, studentId: Int64?,
                subject: String, detail: String) {
        self.id = id
        self.at = at
        self.counselorId = counselorId
        self.actor = actor
        self.action = action
        self.studentId = studentId
        self.subject = subject
        self.detail = detail
    }
}
