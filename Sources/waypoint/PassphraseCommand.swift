import ArgumentParser
import CursesBackend
import Foundation
import WaypointCore
import WaypointStore
import WaypointVault

struct PassphraseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passphrase", abstract: "Set the passphrase that unlocks the screen for you.",
        subcommands: [PassphraseSetCommand.self])
}

/// `waypoint passphrase set`: stores a salted scrypt hash of a counselor's passphrase.
///
/// Changing an existing passphrase needs the current one, so that someone at an unlocked
/// terminal cannot take over the lock: on a terminal it is asked; otherwise it must come
/// from `--current-passphrase-file`, or the change is refused. A FIRST passphrase is set by
/// the counselor themselves only where Waypoint can take them at their word (the only
/// counselor, or the one chosen first on this database); anyone else's is issued by a
/// district admin (`--admin`), who gives their own passphrase: otherwise anyone could set
/// a colleague's first passphrase and lock them out. There is no recovery of a forgotten
/// passphrase through Waypoint.
struct PassphraseSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set or change your passphrase (asked twice on a terminal; at least 8 characters).",
        discussion: """
            The passphrase comes from --passphrase-file FILE (its first line), else WAYPOINT_PASSPHRASE, \
            else it is asked twice on the terminal with echo off. It is never given as an argument. \
            To change a passphrase, the current one is asked on the terminal, or read from \
            --current-passphrase-file FILE where there is no terminal. A counselor's first passphrase \
            is set by themselves only when they are the only counselor or the one chosen first on this \
            database; otherwise a district admin issues it with --admin ID (their own passphrase is \
            asked on the terminal, or read from --admin-passphrase-file FILE).
            """)

    @OptionGroup var database: DatabaseOptions
    /// `--as` and `--passphrase-file`: here the passphrase options give the new passphrase,
    /// and the current one is checked below, not by `--as`.
    @OptionGroup var acting: ActingCounselorOption

    @Option(name: .customLong("current-passphrase-file"), help: ArgumentHelp(
        "When changing it: read the current passphrase from the first line of this file.", valueName: "file"))
    var currentFile: String?

    @Option(name: .customLong("admin"), help: ArgumentHelp(
        "Issue a colleague's first passphrase as this district admin (ID or email).", valueName: "admin"))
    var admin: String?

    @Option(name: .customLong("admin-passphrase-file"), help: ArgumentHelp(
        "With --admin: read the admin's own passphrase from the first line of this file.", valueName: "file"))
    var adminFile: String?

    func run() throws {
        let db = try database.open()
        let counselor = try acting.identify(in: db)
        guard let counselorId = counselor.id else { throw CLIError("the counselor has no database ID") }
        let existing = try db.passphraseHash(for: counselorId)
        var issuer: Counselor?
        if existing != nil {
            guard admin == nil else {
                throw CLIError("\(counselor.displayName) already has a passphrase; only they can change it, with the "
                    + "current one (an admin issues first passphrases only); nothing was changed")
            }
            try confirmCurrent(of: counselor, in: db)
        } else if let admin {
            issuer = try confirmAdmin(admin, in: db)
        } else if try !db.mayChooseWithoutPassphrase(counselorId) {
            // Refused before the new passphrase is asked for: the store would refuse it anyway.
            throw CLIError("\(counselor.displayName) (counselor \(counselorId)) has no passphrase yet, and Waypoint cannot "
                + "tell it is them at this keyboard: a district admin issues a first passphrase with "
                + "`waypoint passphrase set --as \(counselorId) --admin ADMIN`; nothing was changed")
        }
        let new = try acting.passphrase.read(prompt: "New passphrase for \(counselor.displayName): ", confirm: true)
        let hash: PassphraseHash
        do {
            hash = try PassphraseHash(passphrase: new)
        } catch let error as VaultError {
            throw CLIError("\(error); nothing was changed")
        }
        if existing != nil {
            try db.setPassphraseHash(hash.encoded, for: counselorId)
        } else {
            try db.setFirstPassphrase(hash.encoded, for: counselorId, issuedBy: issuer?.id)
        }
        let by = issuer.map { " by district admin \($0.displayName)" } ?? ""
        say("Passphrase \(existing == nil ? "set" : "changed") for \(counselor.displayName) (counselor \(counselorId))\(by). "
            + "Keep it safe: Waypoint cannot show or recover it.")
    }

    private func confirmCurrent(of counselor: Counselor, in db: AppDatabase) throws {
        try refuseWhileWaiting(for: counselor, in: db, then: "nothing was changed")
        let current: String
        if let currentFile {
            current = try PassphraseSource.firstLine(of: currentFile, option: "--current-passphrase-file")
        } else if let terminal = PassphraseTerminal() {
            current = try terminal.ask("Current passphrase for \(counselor.displayName): ")
        } else {
            throw CLIError("\(counselor.displayName) already has a passphrase; to change it where there is no terminal, "
                + "give the current one with --current-passphrase-file FILE; nothing was changed")
        }
        try checkCounselorPassphrase(current, of: counselor, in: db, wrong: "the current passphrase is wrong",
                                     outcome: "nothing was changed")
    }

    /// The district admin named by `--admin`, once their own passphrase has been checked
    /// (under the same counting and waiting as any other).
    private func confirmAdmin(_ named: String, in db: AppDatabase) throws -> Counselor {
        let admin = try db.counselor(matching: named)
        guard let adminId = admin.id, try db.isDistrictAdmin(adminId) else {
            throw CLIError("--admin \(named): \(admin.displayName) is not a district admin (see `waypoint admin add`); "
                + "nothing was changed")
        }
        try refuseWhileWaiting(for: admin, in: db, then: "nothing was changed")
        let typed: String
        if let adminFile {
            typed = try PassphraseSource.firstLine(of: adminFile, option: "--admin-passphrase-file")
        } else if let terminal = PassphraseTerminal() {
            typed = try terminal.ask("Passphrase of district admin \(admin.displayName): ")
        } else {
            throw CLIError("--admin \(named) needs the admin's own passphrase; where there is no terminal, give it with "
                + "--admin-passphrase-file FILE; nothing was changed")
        }
        try checkCounselorPassphrase(typed, of: admin, in: db, wrong: "wrong passphrase for district admin \(admin.displayName)",
                                     outcome: "nothing was changed")
        return admin
    }
}
