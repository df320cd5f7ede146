import Foundation
import Interchange
import WaypointCatalogs
import WaypointCore
import WaypointStore
import WaypointSync
import WaypointUI

/// Performs the screens' effects against the database and reports back as actions: the
/// only part of the interactive program that does I/O. Errors become `.failed` actions with
/// a message a counselor can act on. The clock is injected: "now" and "today" come from
/// `clock` alone, so a test can pin them.
public final class EffectRunner: EffectPerformer {
    public let database: AppDatabase
    public var demoSize: (students: Int, counselors: Int?, seed: UInt64)
    public var catalogs: Catalogs
    /// Where `x` on a plan writes the family's copy: the folder Waypoint was started in.
    public var exportFolder: String
    /// The workstation's configuration folder (config.json) and the database's path as it
    /// is remembered there; nil: who is at the keyboard is kept in the database only.
    public var workstation: (configDirectory: String, databasePath: String)?
    /// Compares a typed passphrase with a stored hash (scrypt); tests put in a cheap one.
    public var passphrases = PassphraseVerifier(matches: { typed, stored in try passphraseMatches(typed, stored: stored) })
    /// Remembers who is at the keyboard for the next start (config.json), where
    /// `workstation` says; a test may listen instead.
    public var rememberUser: ((Int64) throws -> Void)?
    /// Where progress of a long effect goes while it runs (the app redraws).
    public var onProgress: ((JobProgress) -> Void)?
    /// Plan summaries, tiers and interventions by student, for the day they were computed:
    /// a search reloads rows on every keystroke, and the summaries only change when a plan,
    /// the day or the database (another window, the CLI) does.
    private var summaries: [Int64: CaseloadSummary] = [:]
    private var summariesDay: CivilDate?
    /// Counts the times the summaries were forgotten, so the screen drops those it holds
    /// from before.
    private var summaryGeneration = 0
    /// Larger loads come without plan summaries and tiers, which the screen asks for as rows
    /// come into view (the page on screen and a page around it, before the frame is drawn):
    /// summarizing 50,000 plans takes seconds, and summarizing a whole 300-student caseload
    /// before the first frame was half of start-up's instructions (issue 17). A sort or saved
    /// view that compares every row still gets every summary first.
    public var summarizeOnDemandAbove = 100
    /// The database's `dataVersion` when last checked; a new one means another window or a
    /// command wrote.
    private var seenDataVersion: Int?
    /// The caseload last loaded in full, and the district's beside it: counselors go back and
    /// forth between the two, and reading and indexing a district again takes most of a second.
    private var caseloadCache: CaseloadCache?
    private var districtCache: CaseloadCache?

    /// When a write last found the database busy (by `clock`): see ``keptWhileBusy(_:)``.
    var lastBusy: Date?
    /// Audit rows may be waiting on disk (kept while the database was busy, or left by a
    /// killed Waypoint: hence true at start), and when to try taking them in next.
    var auditAsideWaiting = true
    var nextAuditTry: Date?

    /// Set from a worker thread when a background job wrote to the database (through its
    /// own connection): the main thread then drops the kept summaries and takes the new data
    /// version as seen, at its next effect, so the job's own writes are not news from outside.
    private let ownWriteFlag = NSLock()
    private var ownWriteValue = false

    func markOwnWrite() { ownWriteFlag.withLock { ownWriteValue = true } }

    private func takeOwnWrite() -> Bool {
        ownWriteFlag.withLock {
            defer { ownWriteValue = false }
            return ownWriteValue
        }
    }

    /// Opens the district hub for the background sync (the executable's PostgreSQL opener;
    /// tests give the model hub's). nil: sync is not possible in this run, and says so.
    public var syncOpener: (any HubLinkOpener)?

    /// The wall clock; tests replace it to pin time.
    public var clock: () -> Date

    public init(database: AppDatabase, catalogs: Catalogs = CatalogLoader.shipped,
                demoSize: (students: Int, counselors: Int?, seed: UInt64) = (1200, nil, 2026),
                clock: @escaping () -> Date = Date.init) {
        self.database = database
        self.catalogs = catalogs
        self.demoSize = demoSize
        self.clock = clock
        exportFolder = FileManager.default.currentDirectoryPath
    }

    public func now() -> Date { clock() }

    /// Today in the workstation's time zone, by the injected clock.
    private var today: CivilDate { CivilDate.today(now: clock()) }

    public func run(_ effect: Effect) -> [Action] {
        if takeOwnWrite() {
            forgetSummaries()
            seenDataVersion = try? database.dataVersion()
        }
        if effect.waitsWhenBusy, stillBusy { return keptWhileBusy(effect) }
        // Audit rows kept on disk go first, so the trail keeps its order.
        let notes = takeAuditAsideIfDue()
        if effect.waitsWhenBusy, stillBusy { return notes + keptWhileBusy(effect) }
        return notes + perform(effect)
    }

    private func perform(_ effect: Effect) -> [Action] {
        do {
            switch effect {
            case .loadStartup:
                // The baseline comes before the first read: a change made elsewhere while the
                // first screen loads is then seen at the next check, not taken as the start.
                seenDataVersion = try database.dataVersion()
                // An import that stopped part-way is said at the start (doctor --fix finishes it).
                let interrupted = try database.unfinishedImports().first.map { [Action.failed($0.description)] } ?? []
                // Where sync stands (a joined workstation starts its first sync on it).
                let sync = try database.syncStatus()
                return [.started(counselors: try database.allCounselors(), isEmpty: try database.isEmpty())] + interrupted
                    + (sync.isJoined ? [.syncStatusLoaded(sync)] : [])
            case .loadCaseload(let counselorId, let query, let token):
                let (rows, onDemand) = try caseloadRows(counselorId: counselorId, query: query)
                let loaded = Action.caseloadLoaded(token: token, rows: rows, summariesOnDemand: onDemand,
                                                   summaryGeneration: summaryGeneration)
                // Nobody here: are they elsewhere in the district? (Counted, up to a limit.)
                guard rows.isEmpty, counselorId != nil, !query.trimmingCharacters(in: .whitespaces).isEmpty else { return [loaded] }
                let elsewhere = try database.countStudents(matching: query, upTo: CaseloadState.elsewhereLimit)
                return elsewhere == 0 ? [loaded] : [loaded, .caseloadMatchesElsewhere(token: token, count: elsewhere)]
            case .summarizeStudents(let students):
                let total = students.count
                let found = try summarize(students) { [onProgress] done in
                    if total > 2000 { onProgress?(JobProgress(done: done, total: total)) }
                }
                return [.studentsSummarized(found, generation: summaryGeneration)]
            case .loadProfile(let studentId, let viewerId, let token):
                return [.profileLoaded(token: token, data: try loadProfile(studentId: studentId, viewerId: viewerId))]
            case .setFollowUpStatus(let id, let status, let counselorId, let loaded):
                let outcome = try database.setFollowUpStatus(id: id, to: status, by: counselorId, loaded: loaded, today: today,
                                                             rules: catalogs.earlyWarning, now: clock())
                return outcome.map { [.followUpRepeated($0)] } ?? []
            case .addReminder(let save):
                try database.addFollowUp(studentId: save.studentId, authorId: save.authorId, text: save.text, dueDate: save.dueDate,
                                         recurrence: save.recurrence, now: clock())
                return []
            case .stopRepeating(let id, let counselorId):
                try database.stopRepeating(id: id, by: counselorId, now: clock())
                return []
            case .recordView, .recordSecurityEvent:
                if let entry = auditEntry(for: effect) { try database.recordAudit(entry, now: clock()) }
                return []
            case .loadEditorDraft(let counselorId, let studentId, let sessionId):
                let stored = try database.drafts(counselorId: counselorId)
                    .first { $0.studentId == studentId && $0.sessionId == sessionId }
                return [.editorDraftLoaded(studentId: studentId, sessionId: sessionId,
                                           draft: try stored.map { try DraftCoding.decode($0.payload) },
                                           knownTopics: try database.knownTopics(viewerId: counselorId))]
            case .saveDraft(let counselorId, let studentId, let sessionId, let payload):
                try database.saveDraft(counselorId: counselorId, studentId: studentId, sessionId: sessionId,
                                       payload: try DraftCoding.encode(payload), now: clock())
                forgetAside(effect)
                return []
            case .discardDraft(let counselorId, let studentId, let sessionId):
                try database.discardDraft(counselorId: counselorId, studentId: studentId, sessionId: sessionId)
                forgetAside(effect)
                return []
            case .keepDraftAside:
                try keepAside(effect)
                return []
            case .saveSession(let save):
                try store(save)
                forgetAside(effect)
                return [.sessionSaved(studentId: save.studentId, amended: save.sessionId != nil)]
            case .loadPastNotes(let studentId, let viewerId):
                return [.pastNotesLoaded(studentId: studentId, sessions: try database.sessions(studentId: studentId, viewerId: viewerId))]
            case .loadPlan(let studentId, let token):
                guard let student = try database.student(id: studentId) else { throw StoreError.studentNotFound(id: studentId) }
                let school = try database.school(id: student.schoolId)
                return [.planLoaded(token: token, data: PlanData(student: student, schoolName: school?.name ?? "",
                                                                years: PlanYears.years(for: school, student: student.grade),
                                                                plan: try database.plan(studentId: studentId),
                                                                interventions: try database.interventions(studentId: studentId),
                                                                testResults: try database.assessmentResults(studentId: studentId),
                                                                homeLanguages: try homeLanguages(studentId: studentId, db: database)))]
            case .changePlan(let change, let counselorId, let loaded):
                forgetSummaries()
                try apply(change, counselorId: counselorId, loaded: loaded)
                return []
            case .loadReport(.time, _, _, let token):
                // The time report has its own load (`loadTimeReport`); nothing to compute here.
                return [.timeReportLoaded(token: token, report: nil)]
            case .loadTimeReport(let counselorId, let weeks, let lastDay, let timeZone, let token):
                guard let counselorId else { return [.timeReportLoaded(token: token, report: nil)] }
                return [.timeReportLoaded(token: token, report: try database.timeReport(
                    counselorId: counselorId, weeks: weeks, endingWith: lastDay, kinds: catalogs.sessionKinds, timeZone: timeZone))]
            case .loadReport(let kind, let grouping, let counselorId, let token):
                let students = try database.reportStudents(counselorId: counselorId, catalogs: catalogs)
                let minimum = ReportsState.minimumGroup
                let report: Report = switch kind {
                case .coverage: Reports.coverage(students, by: grouping, days: 30, now: clock(), minimumGroup: minimum)
                case .fafsa: Reports.milestone(students, id: "fafsa", title: catalogs.milestones.title(of: "fafsa"),
                                               grade: Grade(rawValue: 12), by: grouping, minimumGroup: minimum)
                // `.time` was answered above.
                case .applications: Reports.applications(students, grade: Grade(rawValue: 12), by: grouping, minimumGroup: minimum)
                case .tiers, .time: Reports.tiers(students, by: grouping, minimumGroup: minimum)
                }
                return [.reportLoaded(token: token, report: report)]
            case .loadTasks(let counselorId, let viewerId, let token):
                return [.tasksLoaded(token: token, rows: try CaseloadLists.todo(database, counselorId: counselorId, viewerId: viewerId,
                                                                                           catalogs: catalogs, today: today))]
            case .exportPlan(let studentId, let counselorId, let language):
                return [.exported(path: try exportPlan(studentId, by: counselorId, language: language))]
            case .printPlan(let studentId, let counselorId, let language):
                return [.printed(message: try printPlan(studentId, by: counselorId, language: language))]
            case .saveContact(let studentId, let contactId, let changes):
                if let contactId {
                    try database.editContact(id: contactId, changes)
                } else {
                    var contact = FamilyContact(givenName: "", familyName: "", relationship: .parent)
                    for (field, value) in changes { contact[field] = value }
                    try database.addContact(contact, studentId: studentId)
                }
                return []
            case .recordAssessment(let result, let counselorId):
                // A result may complete a milestone: the caseload's summaries are read again.
                forgetSummaries()
                _ = try database.recordAssessments([result], by: counselorId, source: "assessment \(result.testId) \(result.date.iso)")
                return []
            case .saveCollegeApplication(let id, let studentId, let changes, let counselorId):
                if let id {
                    try database.changeCollegeApplication(id: id, changes, by: counselorId, now: clock())
                } else {
                    var application = CollegeApplication(studentId: studentId, institution: "")
                    for change in changes { change.apply(to: &application) }
                    try database.addCollegeApplication(application, by: counselorId, now: clock())
                }
                return []
            case .removeCollegeApplication(let id, let counselorId):
                try database.removeCollegeApplication(id: id, by: counselorId, now: clock())
                return []
            case .changeIntervention(let change, let counselorId):
                try apply(change, by: counselorId)
                return []
            case .loadWalkInSchools:
                return [.walkInSchoolsLoaded(try database.allSchools())]
            case .addWalkIn(let student, let counselorId):
                do {
                    return [.walkInAdded(try database.addWalkIn(student, by: counselorId, at: clock()))]
                } catch let refused as StoreError where refused.refusesWalkIn {
                    return [.walkInRefused(refused.description)]
                }
            case .archiveSession(let sessionId, let counselorId):
                try database.archiveSession(id: sessionId, by: counselorId)
                return []
            case .suspendProcess, .cancelJobs:
                return []   // the app loop performs them: it owns the terminal and the jobs
            case .loadDrafts(let counselorId):
                let notes = takeDraftsAside(counselorId: counselorId)
                return [.draftsFound(try database.drafts(counselorId: counselorId).compactMap { record in
                    guard let student = try database.student(id: record.studentId),
                          let payload = try? DraftCoding.decode(record.payload) else { return nil }
                    return DraftSummary(studentId: record.studentId, studentName: student.displayNameWithId,
                                        sessionId: record.sessionId, updatedAt: record.updatedAt, payload: payload)
                })] + notes.map(Action.unavailable)
            case .probePassphrase(let counselorId):
                return [.passphraseProbed(counselorId: counselorId, isSet: try database.passphraseHash(for: counselorId) != nil,
                                          mayChoose: try database.mayChooseWithoutPassphrase(counselorId))]
            case .rememberUser(let counselorId):
                // The first counselor chosen on this database is kept in it, so nobody else is
                // taken at their word later, even with config.json gone.
                try database.recordChoice(of: counselorId)
                if let rememberUser {
                    try rememberUser(counselorId)
                } else if let workstation {
                    try WorkstationConfig.remember(counselorId: counselorId, forDatabase: workstation.databasePath,
                                                   directory: workstation.configDirectory)
                }
                return []
            case .checkForOutsideChanges:
                let version = try database.dataVersion()
                defer { seenDataVersion = version }
                guard let seen = seenDataVersion, seen != version else { return [] }
                // Plans may have changed elsewhere: the cached summaries are no longer true.
                forgetSummaries()
                return [.databaseChanged]
            case .loadDemoDistrict, .importRoster, .checkPassphrase, .syncNow, .openSealingKey:
                return runInBackground(effect, job: .detached)
            case .loadSyncStatus, .loadRefusedChanges, .resolveRefused:
                return try runSyncEffect(effect)
            }
        } catch StoreError.changedElsewhere(let conflict) {
            forgetSummaries()
            let versions = conflict.versions(catalogs: catalogs)
            return [.changedElsewhere(Conflict(record: conflict.record(catalogs: catalogs), theirs: versions.theirs,
                                               yours: versions.yours, retry: try? retry(of: effect)))]
        } catch StoreError.storage(.busy, _) where effect.waitsWhenBusy {
            lastBusy = clock()
            return keptWhileBusy(effect)
        } catch {
            return [.failed(String(describing: error))]
        }
    }

    private func loadProfile(studentId: Int64, viewerId: Int64?) throws -> ProfileData {
        guard let student = try database.student(id: studentId) else {
            throw StoreError.studentNotFound(id: studentId)
        }
        let interventions = try database.interventions(studentId: studentId)
        var data = ProfileData(
            student: student,
            schoolName: try database.school(id: student.schoolId)?.name ?? "",
            counselorNames: try database.counselors(ofStudentId: studentId).map(\.displayName),
            sessions: try database.sessions(studentId: studentId, viewerId: viewerId),
            followUps: try database.followUps(studentId: studentId, viewerId: viewerId),
            plan: try database.planSummarySources(studentIds: [studentId])[studentId]?.summary(grade: student.grade, catalogs: catalogs,
                                                                                                   today: today),
            attendance: try database.attendance(studentId: studentId),
            incidents: try database.incidents(studentId: studentId),
            marks: try database.courseMarks(studentId: studentId),
            rules: catalogs.earlyWarning,
            interventions: interventions,
            contacts: try database.contacts(studentId: studentId))
        data.interventionNotes = try database.interventionNotes(studentId: studentId)
        data.testResults = try database.assessmentResults(studentId: studentId)
        data.applications = try database.collegeApplications(studentId: studentId)
        data.interventionOwners = try Dictionary(uniqueKeysWithValues: Set(interventions.map(\.ownerId)).compactMap { id in
            try database.counselor(id: id).map { (id, $0.displayName) }
        })
        return data
    }

    /// An intervention started, noted or closed on the profile.
    private func apply(_ change: InterventionChange, by counselorId: Int64) throws {
        let now = clock()
        switch change {
        case .start(let intervention):
            try database.addIntervention(intervention, by: counselorId, now: now)
        case .note(let note):
            try database.addInterventionNote(interventionId: note.interventionId, date: note.date, text: note.text,
                                             sessionsDelivered: note.sessionsDelivered, measuredValue: note.measuredValue,
                                             by: counselorId, now: now)
        case .close(let id, let status, let endDate, let note):
            try database.closeIntervention(id: id, status: status, endDate: endDate, note: note, by: counselorId, now: now)
        }
    }

    /// A caseload loaded in full is kept with its search index; searches narrow it in
    /// memory while the database is unchanged, and query the store otherwise. More rows than
    /// `summarizeOnDemandAbove` come without their summaries (true in the result).
    private func caseloadRows(counselorId: Int64?, query: String) throws -> (CaseloadRows, Bool) {
        let version = try database.contentVersion()
        let day = self.today
        var cache = counselorId == nil ? districtCache : caseloadCache
        if cache?.isValid(counselorId: counselorId, version: version, day: day) != true { cache = nil }
        defer {
            if counselorId == nil { districtCache = cache } else { caseloadCache = cache }
        }
        if query.trimmingCharacters(in: .whitespaces).isEmpty {
            // Esc after a search, or back from a profile with nothing written: the rows as they were.
            if let cache { return (CaseloadRows(cache.rows), cache.summariesOnDemand) }
            var rows = try database.caseload(counselorId: counselorId)
            let onDemand = rows.count > summarizeOnDemandAbove
            if !onDemand { try summarizePlans(&rows) }
            cache = CaseloadCache(counselorId: counselorId, version: version, day: day, rows: rows, summariesOnDemand: onDemand)
            return (CaseloadRows(rows), onDemand)
        }
        if var valid = cache {
            let found = valid.search(query)
            cache = valid
            return (found, valid.summariesOnDemand)
        }
        var rows = try database.searchStudents(query, counselorId: counselorId, limit: Int.max)
        let onDemand = rows.count > summarizeOnDemandAbove
        if !onDemand { try summarizePlans(&rows) }
        return (CaseloadRows(rows), onDemand)
    }

    private func summarizePlans(_ rows: inout [CaseloadEntry]) throws {
        let students = Dictionary(rows.compactMap { row in row.student.id.map { ($0, row.student.grade) } }) { first, _ in first }
        let found = try summarize(students) { _ in }
        for index in rows.indices {
            guard let summary = rows[index].student.id.flatMap({ found[$0] }) else { continue }
            rows[index].hasActiveIntervention = summary.hasActiveIntervention
            rows[index].plan = summary.plan
            rows[index].tier = summary.tier
        }
    }

    /// Plans, the day or the database changed: the kept summaries are no longer true, and
    /// the screen drops those it holds.
    private func forgetSummaries() {
        summaries = [:]
        summaryGeneration += 1
    }

    /// Each student's plan summary, tier and interventions, from those kept for today where
    /// known; `progress` hears how many are done.
    private func summarize(_ students: [Int64: Grade], progress: (Int) -> Void) throws -> [Int64: CaseloadSummary] {
        let today = self.today
        if summariesDay != today {
            forgetSummaries()
            summariesDay = today
        }
        let missing = students.keys.filter { summaries[$0] == nil }.sorted()
        // A few thousand students at a time: the courses, milestones and ABC rows of a whole
        // district at once would be most of the screen's memory, only to be summarized.
        for start in stride(from: 0, to: missing.count, by: 2000) {
            let chunk = missing[start..<min(missing.count, start + 2000)]
            let grades = Dictionary(uniqueKeysWithValues: chunk.compactMap { id in students[id].map { (id, $0) } })
            summaries.merge(try CaseloadLists.summaries(database, students: grades, catalogs: catalogs, today: today)) { _, new in new }
            progress(start + chunk.count)
        }
        var result: [Int64: CaseloadSummary] = [:]
        result.reserveCapacity(students.count)
        for id in students.keys { result[id] = summaries[id] }
        return result
    }

    /// Applies a change, compared with the plan as the screen showed it (`loaded`).
    private func apply(_ change: PlanChange, counselorId: Int64?, loaded: StudentPlan?) throws {
        func loadedCourse(_ id: Int64?) -> PlannedCourse? { loaded?.courses.first { $0.id == id } }
        switch change {
        case .addCourse(let course): try database.addCourse(course, by: counselorId)
        case .updateCourse(let course): try database.updateCourse(course, by: counselorId, loaded: loadedCourse(course.id))
        case .moveCourse(let id, let year): try database.moveCourse(id: id, toYear: year, by: counselorId, loaded: loadedCourse(id))
        case .removeCourse(let id): try database.removeCourse(id: id, by: counselorId, loaded: loadedCourse(id))
        case .takeImportedMark(let id): try database.takeImportedMark(courseId: id, by: counselorId)
        case .setMilestone(let record):
            let shown = loaded.map { plan in
                plan.milestones.first { $0.milestoneId == record.milestoneId }
                    ?? MilestoneRecord(studentId: record.studentId, milestoneId: record.milestoneId)
            }
            try database.setMilestone(record, today: today, by: counselorId, loaded: shown)
        case .setPathway(let studentId, let pathwayId, let reason):
            guard let counselorId else { throw StoreError.counselorNotFound(id: 0) }
            try database.setPathway(studentId: studentId, to: pathwayId, reason: reason, by: counselorId, loaded: loaded)
        case .setGoals(let studentId, let goals): try database.setGoals(studentId: studentId, goals, by: counselorId, loaded: loaded?.goals)
        case .addWorkBasedLearning(let item): try database.addWorkBasedLearning(item, by: counselorId)
        case .addCollegeCredit(let item): try database.addCollegeCredit(item, by: counselorId)
        case .addCertification(let item): try database.addCertification(item, by: counselorId)
        case .addEvidence(let item): try database.addEvidence(item, by: counselorId)
        case .removeEntry(let kind, let id):
            let section: PlanSection = switch kind {
            case .workBasedLearning: .workBasedLearning
            case .collegeCredit: .collegeCredit
            case .certification: .certification
            case .evidence: .evidence
            }
            try database.removePlanEntry(section, id: id, by: counselorId)
        }
    }

    private func store(_ save: SessionSave) throws {
        let payload = save.payload
        if let sessionId = save.sessionId {
            try database.amendSession(id: sessionId, note: payload.note, kind: payload.kind, topics: save.topics,
                                      participants: payload.participants, durationMinutes: save.durationMinutes,
                                      isConfidential: payload.isConfidential, by: save.authorId,
                                      newFollowUps: save.followUps.map { (CivilDate(iso: $0.dueDate), $0.text) },
                                      loadedNoteVersion: payload.loadedNoteVersion, contactIds: payload.contactIds ?? [])
            return
        }
        try database.recordSession(
            AdvisingSession(studentId: save.studentId, authorId: save.authorId, startedAt: payload.startedAt,
                            durationMinutes: save.durationMinutes, kind: payload.kind,
                            participants: payload.participants.isEmpty ? [.student] : payload.participants,
                            topics: save.topics, isConfidential: payload.isConfidential, note: payload.note,
                            contactIds: payload.contactIds ?? [],
                            // A group's first student is the session's own (the draft's key).
                            otherStudentIds: (payload.group ?? []).map(\.id).filter { $0 != save.studentId }),
            followUps: save.followUps.map { (CivilDate(iso: $0.dueDate), $0.text) })
    }
}

/// Drafts are stored as JSON: readable by a person in an emergency, and tolerant of fields
/// added later.
enum DraftCoding {
    static func encode(_ payload: DraftPayload) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: try encoder.encode(payload), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> DraftPayload {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(DraftPayload.self, from: Data(text.utf8))
    }
}

