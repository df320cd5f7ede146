import Foundation
import TerminalKit
import WaypointCatalogs
import WaypointCore

/// Everything the screen shows, and nothing else: the view is a function of this value.
public struct AppState: Equatable, Sendable {
    public var size: Size
    /// Screens opened on top of each other; `q`/Esc pops, `q` on the last one quits.
    public var screens: [Screen]
    public var overlay: Overlay?
    /// The overlay `?` help was opened over, to return to when help closes.
    public var helpReturn: Overlay?
    /// Which page of the help is shown, when its keys take more than one (`HelpOverlay`).
    public var helpPage = 0
    public var counselors: [Counselor] = []
    /// Whose caseload is shown (browsing: `c` changes it); nil shows every active student in
    /// the district. Not who is at the keyboard: that is `userId`.
    public var caseloadOwnerId: Int64?
    /// The counselor at the keyboard: the author of what is written and the only reader of
    /// their confidential notes. Chosen at start and not changed by browsing another
    /// counselor's caseload.
    public var userId: Int64?
    public var caseload = CaseloadState()
    public var profile: ProfileState?
    public var editor: SessionEditorState?
    public var plan: PlanState?
    public var tasks: TaskListState?
    public var reports: ReportsState?
    /// A reminder being written (Reminders/), over the profile or the to-do list.
    public var reminder: ReminderFormState?
    /// Where this workstation stands with the district hub (Sync/): the footer's line and
    /// when the next background sync is due. Not joined: nothing about sync is shown.
    public var sync = SyncScreenState()
    /// The refused-changes screen.
    public var refused: RefusedChangesState?
    /// The district's catalogs: session kinds, pathways, milestones, competencies and
    /// graduation requirements.
    public var catalogs: Catalogs
    /// The time of the last tick from the main loop: the reducer's only clock, so it stays pure.
    public var now = Date(timeIntervalSince1970: 0)
    /// Draw trends and marks with ASCII only (`--ascii`, or a terminal without UTF-8).
    public var asciiOnly = false
    /// Dates are shown in the counselor's zone; tests pin it.
    public var timeZone = TimeZone.current
    /// A one-line message in the footer: what just happened, or what went wrong.
    public var status: StatusMessage?
    public var isBusy = false
    /// Writes the database was too busy to take, tried again every `busyRetryInterval`
    /// until they land (a session's save is kept as `SessionEditorState.saveWaiting` instead,
    /// and rebuilt from the editor at each try, so text typed meanwhile is saved too).
    public var waitingWrites: [Effect] = []
    public var nextBusyRetry: Date?
    public static let busyRetryInterval: TimeInterval = 1
    public var isWaitingForDatabase: Bool { !waitingWrites.isEmpty || editor?.saveWaiting == true }
    /// How far a long job (an import) has come: done and total, drawn as a bar.
    public var progress: JobProgress?
    /// Where the data lives, shown on the welcome screen so nobody wonders.
    public var databasePath = ""
    public var shouldQuit = false
    /// Covers every screen until the passphrase is typed; nil when unlocked.
    public var lock: LockState?
    /// When the screen locks itself (configuration `idleLock`, default 10 minutes).
    public var idleLock = IdleLock.standard
    /// The counselor at the keyboard has passed the passphrase check (or has none) in this run.
    public var userConfirmed = false
    /// The last key pressed; nil until the loop's first tick.
    public var lastActivity: Date?

    /// `catalogs`: the district's, when the caller has read them; the shipped ones are then
    /// never decoded (a tenth of start-up's instructions; issue 17).
    public init(size: Size, screens: [Screen] = [.caseload], caseloadOwnerId: Int64? = nil,
                catalogs: Catalogs = CatalogLoader.shipped) {
        self.catalogs = catalogs
        self.size = size
        self.screens = screens
        self.caseloadOwnerId = caseloadOwnerId
    }

    public var screen: Screen { screens.last ?? .caseload }

    /// The kinds of session, for titles and the editor's choices.
    public var sessionKinds: SessionKindCatalog {
        get { catalogs.sessionKinds }
        set { catalogs.sessionKinds = newValue }
    }

    public var caseloadOwner: Counselor? {
        counselors.first { $0.id == caseloadOwnerId }
    }

    public var user: Counselor? {
        counselors.first { $0.id == userId }
    }

    /// The smallest window every screen is laid out for.
    public static let minimumSize = Size(width: 80, height: 24)
    public var isTooSmall: Bool {
        size.width < AppState.minimumSize.width || size.height < AppState.minimumSize.height
    }
}

public enum Screen: Equatable, Sendable {
    /// First run on an empty database: offers the demo district.
    case welcome
    case caseload
    /// One student at a glance.
    case profile
    /// Writing or amending a session.
    case editor
    /// The multi-year plan.
    case plan
    /// Open follow-ups and overdue milestones across the caseload.
    case tasks
    /// Coverage, milestones and tiers by group, with small groups suppressed.
    case reports
    /// Changes the district hub refused: theirs and yours, and the counselor's decision.
    case refusedChanges
}

public enum Overlay: Equatable, Sendable {
    case help
    case counselorPicker(TableState)
    /// Esc in an editor with unsaved text: discard it, or keep writing?
    case confirmDiscard
    /// Drafts left by an earlier run (a crash, a closed terminal): resume, discard or later.
    case resumeDraft([DraftSummary])
    /// `a` on a session: archive it (it stays in the record)?
    case confirmArchive(sessionId: Int64)
    /// `v`: the saved views of the caseload.
    case savedViews
    /// A session read in full (Enter on the profile), scrolled down by `scroll` lines.
    case session(id: Int64, scroll: Int)
    /// `i` on the welcome screen: the folder of a OneRoster bundle to import.
    case importRoster(TextInput)
    /// A save refused because another window changed the record: both versions, side by side.
    case changedElsewhere(Conflict)
}

public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// The caseload table, its search and which request the rows came from.
public struct CaseloadState: Equatable, Sendable {
    public enum Sort: Equatable, Sendable { case name, lastContact, nextMilestone, tier }

    /// The rows as loaded; `rows` is them sorted and filtered as asked.
    public var loadedRows: CaseloadRows = []
    public var rows: CaseloadRows = []
    public var sort = Sort.name
    /// Show only students not seen in this many days (never seen included).
    public var notSeenInDays: Int?
    /// A saved view narrowing the rows (`v` then its number).
    public var preset = CaseloadPreset.everyone
    /// Needs attention lists only what can be acted on this week unless `a` asked for all.
    public var attentionShowsAll = false
    /// Needs attention: how many students it leaves out as able to wait (shown on screen).
    public var attentionWaiting = 0
    /// Nobody on the loaded list has been seen yet (a new roster): needs attention leaves
    /// "not seen" out, and says so.
    public var nobodySeenYet = false
    public var table = TableState()
    public var search = TextInput()
    public var isSearching = false
    /// Bumped on every request; a result with an older token is stale and dropped.
    public var requestToken = 0
    public var isLoaded = false
    /// The next rows refresh what is shown (after returning from a profile), so the
    /// selection stays on the same student instead of jumping to the top.
    public var keepSelectionOnLoad = false
    /// The rows came without their plan summaries and tiers (a district: computing them
    /// all would take seconds); `summaries` holds those computed so far.
    public var summariesOnDemand = false
    public var summaries: [Int64: CaseloadSummary] = [:]
    /// The new walk-in student form (`N`), while open.
    public var walkInForm: FormState?
    /// The effect runner's count of invalidations the summaries were computed under.
    public var summaryGeneration = 0
    /// The sort or saved view needs every row's summary and some are missing: `rows` is
    /// empty until they arrive, rather than ordered or filtered on unknown values.
    public var awaitingSummaries = false
    /// A `summarizeStudents` effect is under way; its answer (or a failure) clears it.
    public var summariesRequested = false
    /// Students being picked for a group session (`m`); nil: the plain caseload.
    public var group: GroupPick?
    /// The search found nobody here but this many elsewhere in the district: the empty
    /// table says so and `c` offers the district.
    public var matchesElsewhere = 0
    /// Counted up to this many; "100+" beyond.
    public static let elsewhereLimit = 100

    public init() {}

    public var selectedEntry: CaseloadEntry? {
        rows.indices.contains(table.selected) ? rows[table.selected] : nil
    }

    public var query: String { search.text }
}

/// How far a long job has come.
public struct JobProgress: Equatable, Sendable {
    public var done: Int
    public var total: Int
    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}
