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
    /// `summariesOnDemand`: the rows hold no plan summaries or tiers; they are asked for
    /// with `summarizeStudents` as rows come on screen.
    case caseloadLoaded(token: Int, rows: CaseloadRows, summariesOnDemand: Bool = false, summaryGeneration: Int = 0)
    case studentsSummarized([Int64: CaseloadSummary], generation: Int)
    /// A search found nobody on the caseload shown, but `count` students elsewhere in the
    /// district (at most `AppState.elsewhereLimit`).
    case caseloadMatchesElsewhere(token: Int, count: Int)
    case profileLoaded(token: Int, data: ProfileData)
    case planLoaded(token: Int, data: PlanData)
    case tasksLoaded(token: Int, rows: [TaskRow])
    case reportLoaded(token: Int, report: Report)
    /// nil: there was no counselor to report on.
    case timeReportLoaded(token: Int, report: TimeReport?)
    case exported(path: String)
    /// The plan went to the printer: where, in a sentence.
    case printed(message: String)
    /// A long job's progress, reported while it runs.
    case progressed(JobProgress)
    case rosterImported(summary: String)
    case editorDraftLoaded(studentId: Int64, sessionId: Int64?, draft: DraftPayload?, knownTopics: [String])
    /// The student's sessions as the counselor may see them, for the editor's past notes.
    case pastNotesLoaded(studentId: Int64, sessions: [SessionView])
    case sessionSaved(studentId: Int64, amended: Bool)
    /// A repeating follow-up was marked done: its next one, or why the series ended.
    case followUpRepeated(RecurrenceOutcome)
    case draftsFound([DraftSummary])
    /// Where sync with the hub stands (read from the store; at start and after a decision).
    case syncStatusLoaded(SyncStatus)
    /// A background sync ended: the status now, its failure's sentence if any, and whether
    /// it wrote rows here (so what is shown is loaded again).
    case syncFinished(SyncStatus, failure: String?, changedHere: Bool)
    case refusedChangesLoaded(token: Int, rows: [RefusedChangeSummary])
    /// A decision on a refused change was kept; the sentence says what happens next.
    case refusedResolved(String, RefusedResolution)
    /// The passphrase just checked at the lock screen also opens this counselor's sealing
    /// key, which this workstation lacks (docs/SYNC.md, "Confidential notes"): the screen
    /// asks for it to be opened once the lock has opened. Never kept in the state.
    case sealingKeyWaits(counselorId: Int64, passphrase: String)
    /// The sealing key was opened (nil), or why not.
    case sealingKeyOpened(failure: String?)
    /// The main loop's clock: sent before each batch of input and when idle.
    case tick(Date)
    /// A frame is on screen: work that could wait for it (summarizing the rest of a
    /// caseload) is asked for now, before the next key is read.
    case frameDrawn
    /// Another window or a `waypoint` command committed to the database: reload what is shown.
    case databaseChanged
    /// A save was refused because the record changed elsewhere since it was loaded.
    case changedElsewhere(Conflict)
    case demoLoaded(students: Int, counselors: [Counselor])
    case failed(String)
    /// The schools the new walk-in form offers.
    case walkInSchoolsLoaded([School])
    /// A walk-in student was added (on the caseload of the counselor at the keyboard).
    case walkInAdded(Student)
    /// The store refused the walk-in; the sentence says why and that nothing was added.
    case walkInRefused(String)
    /// A write found the database busy (another program holds its write lock, an import
    /// say): the screen keeps the work in memory and tries it again shortly.
    case databaseBusy(Effect)
    /// A bound key whose command is unavailable right now; the reason goes to the footer.
    case unavailable(String)
    /// The process was asked to end (SIGTERM, SIGHUP): leave as if the counselor quit.
    case terminate
    /// A key was pressed: the idle lock starts counting again.
    case activity(Date)
    /// `mayChoose`: the store takes this counselor at their word without a passphrase (the
    /// only counselor, or the one chosen first on this database, or nobody chosen yet).
    case passphraseProbed(counselorId: Int64, isSet: Bool, mayChoose: Bool = false)
    case passphraseChecked(counselorId: Int64, result: PassphraseCheck)
}

/// Work the reducer asks for; the effect runner performs it and answers with actions.
public enum Effect: Equatable, Sendable {
    case loadStartup
    case loadCaseload(caseloadOwnerId: Int64?, query: String, token: Int)
    /// Plan summaries, tiers and interventions of these students (by ID, with their grades).
    case summarizeStudents([Int64: Grade])
    case loadDemoDistrict
    case loadProfile(studentId: Int64, viewerId: Int64?, token: Int)
    /// `loaded`: the status the profile showed, so a follow-up closed elsewhere is not closed twice.
    case setFollowUpStatus(id: Int64, status: FollowUpStatus, userId: Int64?, loaded: FollowUpStatus?)
    /// A reminder without a session (Reminders/), once or repeating.
    case addReminder(ReminderSave)
    case stopRepeating(id: Int64, userId: Int64?)
    /// Writes to the audit trail that the counselor saw a record (a profile opened, a
    /// confidential note read): once per opening, unlike the loads, which repeat.
    case recordView(AuditAction, studentId: Int64, subject: String, userId: Int64?)
    /// Writes a lock-screen event to the audit trail: another counselor took over, or
    /// repeated wrong passphrases.
    case recordSecurityEvent(AuditAction, counselorId: Int64, detail: String)
    case loadEditorDraft(authorId: Int64, studentId: Int64, sessionId: Int64?)
    /// A student's sessions as `viewerId` may see them (the profile's rule), for the editor's past notes.
    case loadPastNotes(studentId: Int64, viewerId: Int64?)
    case saveDraft(authorId: Int64, studentId: Int64, sessionId: Int64?, payload: DraftPayload)
    case discardDraft(authorId: Int64, studentId: Int64, sessionId: Int64?)
    /// The database is busy: keeps the draft on disk beside it (not in the database) until
    /// the next try lands, so a kill while waiting loses nothing.
    case keepDraftAside(authorId: Int64, studentId: Int64, sessionId: Int64?, payload: DraftPayload)
    case saveSession(SessionSave)
    case archiveSession(sessionId: Int64, userId: Int64)
    /// Adds a family contact to a student (`contactId` nil) or changes one by hand.
    case saveContact(studentId: Int64, contactId: Int64?, changes: [ContactField: String])
    /// Adds a college application to a student's list (`id` nil) or changes one, as `userId`.
    case saveCollegeApplication(id: Int64?, studentId: Int64, changes: [CollegeChange], userId: Int64?)
    case removeCollegeApplication(id: Int64, userId: Int64?)
    /// Starts, notes or closes one of a student's interventions, as `userId`.
    case changeIntervention(InterventionChange, userId: Int64)
    /// Records a test result typed on the profile (`t`), as `userId` when known.
    case recordAssessment(AssessmentResult, userId: Int64?)
    case loadWalkInSchools
    case addWalkIn(NewWalkIn, counselorId: Int64)
    case loadPlan(studentId: Int64, token: Int)
    /// `loaded`: the plan as the screen showed it, for compare-and-set in the store.
    case changePlan(PlanChange, userId: Int64?, loaded: StudentPlan?)
    /// The family's plan as an HTML file, in the language with this id.
    case exportPlan(studentId: Int64, userId: Int64?, language: String)
    /// The family's plan to the default printer (`lp`).
    case printPlan(studentId: Int64, userId: Int64?, language: String)
    case importRoster(directory: String, userId: Int64?)
    case loadTasks(caseloadOwnerId: Int64?, viewerId: Int64?, token: Int)
    case loadReport(kind: ReportsState.Kind, grouping: ReportGrouping, caseloadOwnerId: Int64?, token: Int)
    /// A counselor's minutes by kind and week (nil counselor: nobody to report on).
    case loadTimeReport(counselorId: Int64?, weeks: Int, endingWith: CivilDate, timeZone: TimeZone, token: Int)
    case loadDrafts(authorId: Int64)
    /// Does this counselor have a passphrase?
    case probePassphrase(counselorId: Int64)
    case checkPassphrase(counselorId: Int64, passphrase: String)
    /// Remember who is at the keyboard for the next start (the configuration file).
    case rememberUser(counselorId: Int64)
    /// Has another window or a command changed the database? Answered with `.databaseChanged`.
    case checkForOutsideChanges
    /// Give the terminal back and stop until the shell continues the process (the app loop
    /// performs it, after the effects before it, such as saving the draft).
    case suspendProcess
    /// Stop the background jobs (an import, the demo): what they wrote is rolled back. The
    /// app loop performs it.
    case cancelJobs
    /// Where sync with the hub stands: answered with `.syncStatusLoaded`.
    case loadSyncStatus
    /// Push, then pull, with the district hub (a background job): answered with `.syncFinished`.
    case syncNow
    /// Open the counselor's sealing key with the passphrase they unlocked with (a background
    /// job: it asks the hub, and derives a key): answered with `.sealingKeyOpened`.
    case openSealingKey(counselorId: Int64, passphrase: String)
    /// The refused changes, a confidential one's content only when `viewerId` (the counselor
    /// at the keyboard) is its author.
    case loadRefusedChanges(token: Int, viewerId: Int64?)
    case resolveRefused(id: Int64, RefusedResolution, userId: Int64?)
}

/// A finished session, ready for the store.
public struct SessionSave: Equatable, Sendable {
    public var authorId: Int64
    public var studentId: Int64
    public var sessionId: Int64?
    public var payload: DraftPayload
    public var durationMinutes: Int
    public var followUps: [FollowUpDraft]
    public var topics: [String]
}

/// An unsaved draft found at start-up.
public struct DraftSummary: Equatable, Sendable {
    public var studentId: Int64
    public var studentName: String
    public var sessionId: Int64?
    public var updatedAt: Date
    public var payload: DraftPayload

    public init(studentId: Int64, studentName: String, sessionId: Int64?, updatedAt: Date, payload: DraftPayload) {
        self.studentId = studentId
        self.studentName = studentName
        self.sessionId = sessionId
        self.updatedAt = updatedAt
        self.payload = payload
    }
}

extension Action {
    /// Rows loaded as an array of their own (a caseload read from the store, a test's fixtures).
    public static func caseloadLoaded(token: Int, rows: [CaseloadEntry], summariesOnDemand: Bool = false,
                                      summaryGeneration: Int = 0) -> Action {
        .caseloadLoaded(token: token, rows: CaseloadRows(rows), summariesOnDemand: summariesOnDemand,
                        summaryGeneration: summaryGeneration)
    }
}
