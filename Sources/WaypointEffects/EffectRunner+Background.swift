import Foundation
import WaypointCore
import WaypointStore
import WaypointUI

extension EffectRunner {
    /// The effects that run on a worker thread (`Effect.runsInBackground`). Called there, it
    /// reads only what does not change while the screen runs (the catalogs, the demo's size,
    /// the clock) and reaches the database through connections that are safe from any
    /// thread; what the screen's own state must learn comes back as actions, and the main
    /// thread learns of the job's writes through `markOwnWrite`.
    public func runInBackground(_ effect: Effect, job: JobControl) -> [Action] {
        do {
            switch effect {
            case .importRoster(let directory, let counselorId):
                // Its own connection: the screen's writes (a draft) then wait on SQLite's lock
                // with their patience, not behind the import inside this process.
                let connection = try database.companion()
                let summary = try importRoster(directory, by: counselorId, into: connection,
                                               isCancelled: { job.isCancelled }) { done, total in
                    job.report(JobProgress(done: done, total: total))
                }
                markOwnWrite()
                // A stop asked for once the chunks were being written was not honoured (half
                // a roster is worse than either); say so rather than let "Stopping…" stand.
                let finished = job.isCancelled ? "The roster was already being written when you pressed Esc, so it was finished. " : ""
                return [.rosterImported(summary: finished + summary)]
            case .checkPassphrase(let counselorId, let passphrase):
                let verifier = passphrases
                let result: PassphraseCheck = switch try database.tryPassphrase(
                    of: counselorId, at: "at the lock screen", now: clock(), matches: { try verifier.matches(passphrase, $0) }) {
                case .correct: .correct
                case .wrong(_, let wait): .wrong(wait: wait)
                case .mustWait(let wait): .mustWait(wait)
                case .noneSet: .noneSet(mayChoose: try database.mayChooseWithoutPassphrase(counselorId))
                }
                let sealing = result == .correct && (try? sealingKeyWaits(for: counselorId)) == true
                return [.passphraseChecked(counselorId: counselorId, result: result)]
                    + (sealing ? [.sealingKeyWaits(counselorId: counselorId, passphrase: passphrase)] : [])
            case .openSealingKey(let counselorId, let passphrase):
                return [.sealingKeyOpened(failure: openSealingKey(for: counselorId, passphrase: passphrase))]
            case .loadDemoDistrict:
                return try loadDemo(job: job)
            case .syncNow:
                return try syncNow(job: job)
            default:
                return run(effect)
            }
        } catch is JobCancelled {
            return [.failed(effect == .loadDemoDistrict ? "Demo not loaded: stopped before anything was written."
                                                          : "Import stopped: nothing was written.")]
        } catch {
            return [.failed(String(describing: error))]
        }
    }

    private func loadDemo(job: JobControl) throws -> [Action] {
        let today = CivilDate.today(now: clock())
        // Generating the district is most of the time; a stop is honoured between its parts
        // and before the one transaction that writes it. Progress counts those parts.
        let parts = 5
        func checkpoint(_ done: Int) throws {
            if job.isCancelled { throw JobCancelled() }
            job.report(JobProgress(done: done, total: parts))
        }
        try checkpoint(0)
        let district = DemoDistrict.generate(students: demoSize.students, counselors: demoSize.counselors, seed: demoSize.seed)
        try checkpoint(1)
        let (plans, transcript) = DemoPlans.transcript(
            DemoPlans.generate(for: district.students, catalogs: catalogs, today: today, seed: demoSize.seed),
            students: district.students, today: today)
        let sessions = DemoSessions.generate(for: district.students, today: today, seed: demoSize.seed)
        try checkpoint(2)
        let abc = DemoABC.generate(for: district.students, today: today, seed: demoSize.seed)
        let interventions = DemoInterventions.generate(for: district.students, abc: abc, rules: catalogs.earlyWarning,
                                                       today: today, seed: demoSize.seed)
        try checkpoint(3)
        let connection = try database.companion()
        do {
            try connection.loadDemoDistrict(district, plans: plans, sessions: sessions, abc: abc, interventions: interventions,
                                            contacts: DemoContacts.generate(for: district.students, seed: demoSize.seed),
                                            colleges: DemoColleges.generate(for: district.students, today: today, seed: demoSize.seed),
                                            transcript: transcript,
                                            assessments: DemoAssessments.generate(for: district.students, catalog: catalogs.assessments,
                                                                                  today: today, seed: demoSize.seed),
                                            subjectAreas: catalogs.requirementSets.subjectAreas, today: today)
        } catch StoreError.databaseNotEmpty {
            // Filled from elsewhere (another window, the CLI) since the welcome screen was
            // drawn: show what is there instead of a dead end.
            return [.started(counselors: try database.allCounselors(), isEmpty: false),
                    .failed("Students were added to this database meanwhile; the demo was not loaded.")]
        }
        markOwnWrite()
        job.report(JobProgress(done: parts, total: parts))
        return [.demoLoaded(students: try database.studentCount(), counselors: try database.allCounselors())]
    }
}
