import ArgumentParser
import Foundation
import TerminalKit
import WaypointCore
import WaypointStore

/// `--as`: the counselor a command acts as. Sessions are credited to them and confidential
/// notes are shown only when they wrote them.
///
/// Naming a counselor is a claim, not a proof: a counselor who has set a passphrase must
/// give it (`--passphrase-file`, `WAYPOINT_PASSPHRASE` or the terminal), or anyone with the
/// database could read their confidential notes with `--as` and write in their name.
struct ActingCounselorOption: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Act as this counselor (ID, sourcedId or email; default: $WAYPOINT_COUNSELOR, else the one chosen on screen "
            + "for this database, else the only counselor). "
            + "One who has a passphrase must give it.",
        valueName: "counselor"))
    var counselor: String?

    @OptionGroup var passphrase: PassphraseOptions

    /// The counselor a command needs in order to run (it writes in their name or shows their
    /// confidential notes), with their passphrase checked when they have one.
    func resolve(in db: AppDatabase) throws -> Counselor {
        try resolveWithPassphrase(in: db).counselor
    }

    /// As `resolve`, with the passphrase that was checked (nil for a counselor without one):
    /// for `sync join`, which opens the counselor's sealing key with it.
    func resolveWithPassphrase(in db: AppDatabase) throws -> (counselor: Counselor, passphrase: String?) {
        let counselor = try identify(in: db)
        return (counselor, try confirmIdentity(of: counselor, in: db))
    }

    /// The counselor for the audit trail of a command that can run without one (a view, an
    /// export, a plan change): as `resolve`, but nil where it would ask which counselor. A
    /// counselor named with `--as` or `WAYPOINT_COUNSELOR` must still exist and give their
    /// passphrase, unless the database has no counselors yet (the first roster import brings
    /// them). The only counselor, not named, is credited when they have no passphrase or
    /// when theirs comes with the command; otherwise the row names the operating-system
    /// user only, and nothing is asked.
    ///
    /// `passphraseFor` names what the command's passphrase options are for when they are not
    /// the counselor's (an encrypted backup's): then a counselor with a passphrase cannot be
    /// credited, and naming one is refused rather than taken on trust.
    func resolveIfKnown(in db: AppDatabase, passphraseFor other: String? = nil) throws -> Counselor? {
        let all = try db.allCounselors()
        if all.isEmpty { return nil }
        if let chosen = try chosenOnScreen(in: db, among: all) { return try credit(chosen, in: db, passphraseFor: other) }
        if named != nil {
            guard let other else { return try resolve(in: db) }
            let counselor = try identify(in: db)
            guard let id = counselor.id, try db.passphraseHash(for: id) != nil else { return counselor }
            throw CLIError("--as \(counselor.displayName) (counselor \(id)): their passphrase cannot be checked here, because "
                + "--passphrase-file and \(PassphraseSource.environmentName) give \(other); leave out --as, and the audit "
                + "trail names the operating-system user; nothing was done")
        }
        guard all.count == 1, let only = all.first else { return nil }
        return try credit(only, in: db, passphraseFor: other)
    }

    /// The counselor not named but known (the one chosen on screen, or the only one),
    /// credited when they have no passphrase or theirs comes with the command.
    private func credit(_ counselor: Counselor, in db: AppDatabase, passphraseFor other: String?) throws -> Counselor? {
        guard let id = counselor.id else { return nil }
        guard try db.passphraseHash(for: id) != nil else { return counselor }
        guard other == nil, !passphrase.comesFromTerminal else {
            FileHandle.standardError.write(Data(Sanitizer.sanitizeKeepingLines(
                "Note: the audit trail names the operating-system user only: \(counselor.displayName) has a passphrase "
                    + "(give it with --passphrase-file FILE or \(PassphraseSource.environmentName) to be named)\n").utf8))
            return nil
        }
        try confirmIdentity(of: counselor, in: db)
        return counselor
    }

    /// The counselor named, or the only one, without a passphrase check: for `passphrase
    /// set`, which asks for the current passphrase itself.
    func identify(in db: AppDatabase) throws -> Counselor {
        if let text = named {
            return try db.counselor(matching: text)
        }
        let all = try db.allCounselors()
        if let chosen = try chosenOnScreen(in: db, among: all) { return chosen }
        guard all.count == 1 else {
            throw CLIError(all.isEmpty
                ? "this database has no counselors yet; load the demo district or import a roster first"
                : "this database has \(all.count) counselors; say which one you are with --as ID or email "
                    + "(or WAYPOINT_COUNSELOR): " + all.prefix(8).map { counselor in
                        "\(counselor.id ?? 0) \(counselor.displayName)" + (counselor.email.map { " <\($0)>" } ?? "")
                    }.joined(separator: ", ") + (all.count > 8 ? ", …" : ""))
        }
        return all[0]
    }

    private var named: String? {
        counselor ?? ProcessInfo.processInfo.environment["WAYPOINT_COUNSELOR"]
    }

    /// Not named: the counselor chosen on screen for this database (config.json), as the
    /// screen itself would act (issue 15). A counselor no longer in the database is passed over.
    private func chosenOnScreen(in db: AppDatabase, among all: [Counselor]) throws -> Counselor? {
        guard named == nil else { return nil }
        let directory = DatabaseLocation.configDirectory(environment: ProcessInfo.processInfo.environment)
        let id: Int64?
        do {
            id = try WorkstationConfig.chosenCounselor(forDatabase: db.path, directory: directory)
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
        return id.flatMap { id in all.first { $0.id == id } }
    }

    /// Refuses, before anything is read or written, unless the counselor has no passphrase
    /// or the one given matches; returns the passphrase checked.
    @discardableResult
    private func confirmIdentity(of counselor: Counselor, in db: AppDatabase) throws -> String? {
        guard let id = counselor.id, try db.passphraseHash(for: id) != nil else { return nil }
        let who = "\(counselor.displayName) (counselor \(id))"
        try refuseWhileWaiting(for: counselor, in: db, then: "nothing was shown or changed")
        let typed: String
        do {
            typed = try passphrase.read(prompt: "Passphrase for \(counselor.displayName): ")
        } catch let error as CLIError {
            throw CLIError("acting as \(who) needs their passphrase: \(error.description)")
        }
        try checkCounselorPassphrase(typed, of: counselor, in: db, wrong: "wrong passphrase for \(who)",
                                     outcome: "nothing was shown or changed")
        return typed
    }
}

extension AppDatabase {
    /// The student a command names, by local ID or roster sourcedId.
    func student(matching typed: String) throws -> Student {
        // IDs are typed by hand and pasted from spreadsheets: ignore stray spaces and case.
        let id = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let student = try student(localId: id) ?? student(sourcedId: id) ?? student(localId: id.uppercased()) else {
            throw CLIError("no student with ID \"\(id)\"; expected a local ID or roster sourcedId "
                + "(see `waypoint student list`)")
        }
        return student
    }
}
