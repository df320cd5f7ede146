import WaypointCore

/// What the store refuses, in words a counselor or an administrator can act on.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// Loading demo data over real data would mix made-up students into a caseload.
    case databaseNotEmpty(studentCount: Int)
    case studentNotFound(id: Int64)
    /// A group session listing one student twice (or its first student again).
    case studentTwiceInGroup(id: Int64)
    case counselorNotFound(id: Int64)
    case duplicateLocalId(String)
    case missingField(record: String, field: String)
    /// A demo district whose indices do not line up (a bug in whoever built it).
    case invalidDemoDistrict(String)
    case cannotCreateFolder(path: String, reason: String)
    case cannotCreateFile(path: String)
    /// A draft the busy database could not take could not be kept on disk either.
    case cannotKeepDraft(path: String, reason: String)
    case badConfig(path: String, reason: String)
    case databaseMissing(path: String)
    case notADatabaseFile(path: String, reason: String)
    /// A SQLite file made by another program: Waypoint will not add its tables to it.
    case notWaypointDatabase(path: String)
    case sessionNotFound(id: Int64)
    case courseNotFound(id: Int64)
    case backupExists(path: String)
    case cannotWriteBackup(path: String, reason: String)
    /// A file given to restore that is cut short, damaged or not a backup at all.
    case incompleteBackup(path: String, reason: String)
    case planEntryNotFound(section: String, id: Int64)
    case followUpNotFound(id: Int64)
    /// A repeat that cannot be kept (`Recurrence.problem`), in words.
    case invalidRecurrence(String)
    /// No family contact with this id, or (with a student) none of that student's.
    case contactNotFound(id: Int64, studentId: Int64?)
    /// A contact field that does not hold what it must (`ContactRules`).
    case invalidContactField(field: ContactField, value: String, expected: String)
    /// No college application with this id (or none of that student's).
    case collegeApplicationNotFound(id: Int64)
    /// A college application field that does not hold what it must (`CollegeRules`).
    case invalidCollegeField(CollegeFieldProblem)
    /// One application per institution for a student: the second would be counted twice.
    case duplicateCollegeApplication(institution: String)
    /// Confidential notes belong to their author alone.
    case confidentialToAuthor(sessionId: Int64)
    /// Sessions are amended and archived by the counselor who wrote them.
    case notAuthor(sessionId: Int64)
    case interventionNotFound(id: Int64)
    /// Closing is final: a completed or discontinued intervention is not reopened or closed again.
    case interventionClosed(id: Int64, status: String)
    /// A measured value on a progress note of an intervention that measures nothing: the
    /// value would have no unit, so nobody could read it later.
    case interventionMeasuresNothing(id: Int64)
    /// An intervention is closed as completed or discontinued, not as "active".
    case notAClosingStatus(String)
    /// A delta roster names a school that neither the bundle nor the database has.
    case unknownRosterSchool(sourcedId: String, studentSourcedId: String)
    /// An audit row written by a newer Waypoint: shown as something else, it would mislead.
    case unknownAuditAction(String)
    /// The record changed elsewhere since it was loaded: saving would lose that change.
    case changedElsewhere(ChangedElsewhere)
    /// The database, its -wal or its -shm can be read or written by group or others.
    case sharedDatabaseFile(path: String, mode: String, exposure: String, databasePath: String)
    case cannotChangePermissions(path: String, reason: String)
    /// A schema upgrade found rows it cannot carry over unchanged; nothing was migrated.
    case migrationRefused(String)
    /// Joining a hub needs every student and counselor named by their district ID.
    case cannotJoinHub(String)
    /// A student added by hand on a workstation joined to a hub (students come from the hub's roster).
    case walkInWhileJoined
    /// A walk-in's local ID that another student holds.
    case walkInLocalIdTaken(localId: String, holder: String, holderIsWalkIn: Bool)
    /// A refused sync change cannot be resolved as asked; the sentence says why.
    case syncRefusal(String)
    /// A passphrase or admin step that nobody proven may take (the sentence says why and what to do).
    case identityRefused(String)
    /// The disk, the operating system or another program stopped a read or write (see ``StorageTrouble``).
    case storage(StorageTrouble, path: String)
    /// The same, stopping a long write after some of its chunks were committed: `partWay`
    /// says what was written and how it is finished.
    case storageStoppedPartWay(StorageTrouble, path: String, partWay: String)

    /// The store's refusals of a walk-in student, which the form shows in place.
    public var refusesWalkIn: Bool {
        switch self {
        case .walkInWhileJoined, .walkInLocalIdTaken, .missingField, .duplicateLocalId: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .databaseNotEmpty(let count):
            "The database already holds \(count) student\(count == 1 ? "" : "s"); "
                + "demo data can only be loaded into an empty database."
        case .studentNotFound(let id):
            "No student with id \(id)."
        case .studentTwiceInGroup(let id):
            "Student \(id) is listed twice for one group session; list each student once."
        case .counselorNotFound(let id):
            "No counselor with id \(id)."
        case .duplicateLocalId(let localId):
            "Another student already has local ID \"\(localId)\"; local IDs must be unique in the district."
        case .missingField(let record, let field):
            "The \(record) has an empty \(field); it is required."
        case .invalidDemoDistrict(let detail):
            "The demo district is inconsistent: \(detail)."
        case .cannotCreateFolder(let path, let reason):
            "Cannot create the database folder \(path): \(reason.hasSuffix(".") ? String(reason.dropLast()) : reason)."
        case .databaseMissing(let path):
            "There is no Waypoint database at \(path). Start `waypoint` (it offers a demo district) or run "
                + "`waypoint demo --db \(path)` to create one, or give another path with --db."
        case .notADatabaseFile(let path, let reason):
            "Cannot use \(path) as the database: \(reason)."
        case .notWaypointDatabase(let path):
            "\(path) is a SQLite database made by another program; Waypoint will not change it. Give another path with --db."
        case .backupExists(let path):
            "\(path) already exists; Waypoint does not overwrite files. Choose a new name."
        case .cannotWriteBackup(let path, let reason):
            "Cannot write \(path): \(reason); nothing was left under that name."
        case .incompleteBackup(let path, let reason):
            "\(path) is not a complete Waypoint backup: \(reason)."
        case .courseNotFound(let id):
            "No course with id \(id) in any plan."
        case .planEntryNotFound(let section, let id):
            "No \(section.replacingOccurrences(of: "_", with: " ")) entry with id \(id)."
        case .sessionNotFound(let id):
            "No session with id \(id)."
        case .followUpNotFound(let id):
            "No follow-up with id \(id)."
        case .invalidRecurrence(let problem):
            "\(problem) Nothing was saved."
        case .contactNotFound(let id, let studentId):
            studentId == nil ? "No family contact with id \(id)."
                : "Contact \(id) is not a family contact of this student (`waypoint contact list` with the student's ID lists theirs)."
        case .invalidContactField(let field, _, let expected):
            // The value is not echoed: it may hold control characters meant for the terminal.
            "\(field.title): expected \(expected). Nothing was changed."
        case .collegeApplicationNotFound(let id):
            "No college application with id \(id) (`waypoint college list STUDENT` lists a student's)."
        case .invalidCollegeField(let problem):
            "\(problem) Nothing was changed."
        case .duplicateCollegeApplication(let institution):
            "The student already has an application to \(institution); change that one instead. Nothing was changed."
        case .notAuthor(let id):
            "Session \(id) was written by another counselor; only its author can amend or archive it."
        case .confidentialToAuthor(let id):
            "Session \(id) is confidential: only the counselor who wrote it can read or amend it."
        case .unknownRosterSchool(let school, let student):
            "Student \(student) belongs to org \(school), which is neither in the roster's orgs.csv nor in the database."
        case .interventionNotFound(let id):
            "No intervention with id \(id)."
        case .interventionClosed(let id, let status):
            "Intervention \(id) is already \(status); a closed intervention stays closed."
        case .interventionMeasuresNothing(let id):
            "Intervention \(id) has no measure, so its notes cannot carry a value; give the measure (e.g. \"quiz score %\") when starting one."
        case .identityRefused(let reason):
            reason
        case .unknownAuditAction(let action):
            "The audit trail holds an action this Waypoint does not know (\"\(action)\"); update Waypoint to read it."
        case .notAClosingStatus(let status):
            "An intervention is closed as completed or discontinued, not \(status)."
        case .badConfig(let path, let reason):
            "the configuration file \(path) is not valid: \(reason)"
        case .changedElsewhere(let conflict):
            "\(conflict.record()) was changed in another window or by a command since it was loaded; nothing was saved.\n"
                + "  Theirs (saved): \(conflict.theirs)\n  Yours (not saved): \(conflict.yours)"
        case .sharedDatabaseFile(let path, let mode, let exposure, let databasePath):
            "\(path) can be \(exposure) by other users (mode \(mode)); student records must be private. "
                + "Run `waypoint doctor --fix --db \(shellQuoted(databasePath))` to make it owner-only."
        case .cannotChangePermissions(let path, let reason):
            "Cannot change the permissions of \(path): \(reason)"
        case .migrationRefused(let reason):
            "The database could not be upgraded, and was left as it was: \(reason)."
        case .cannotJoinHub(let reason):
            "This database cannot join the hub: \(reason)."
        case .walkInWhileJoined:
            "This database syncs with the district hub, where students come from the roster: ask the district "
                + "to add the student there (a roster import at the hub), and they reach your caseload at the next sync; "
                + "nothing was added."
        case .walkInLocalIdTaken(let localId, let holder, let holderIsWalkIn):
            "Local ID \(localId) already belongs to \(holder)\(holderIsWalkIn ? ", also added by hand" : ""): "
                + "open that student instead, or check the ID; nothing was added."
        case .syncRefusal(let sentence):
            sentence
        case .storage(let trouble, let path):
            trouble.sentence(path: path)
        case .storageStoppedPartWay(let trouble, let path, let partWay):
            trouble.sentence(path: path, unchanged: partWay)
        case .cannotCreateFile(let path):
            "Cannot create the database file \(path); check that its folder is writable."
        case .cannotKeepDraft(let path, let reason):
            "The database is busy and your draft could not be kept in \(path) either (\(reason)); "
                + "keep the editor open: the draft is saved as soon as the database is free."
        }
    }
}

/// `path` as a shell word: bare when it is plain, else in single quotes.
func shellQuoted(_ path: String) -> String {
    let plain = path.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+,:@".contains($0)) }
    return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
