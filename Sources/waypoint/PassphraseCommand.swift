import ArgumentParser
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
/// from `--current-passphrase-file`, or the change is refused. There is no recovery of a
/// forgotten passphrase through Waypoint.
struct PassphraseSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set or change your passphrase (asked twice on a terminal; at least 8 characters).",
        discussion: """
            The passphrase comes from --passphrase-file FILE (its first line), else WAYPOINT_PASSPHRASE, \
            else it is asked twice on the terminal with echo off. It is never given as an argument. \
            To change a passphrase, the current one is asked on the terminal, or read from \
            --current-passphrase-file FILE where there is no terminal.
            """)

    @OptionGroup var database: DatabaseOptions
    /// `--as` and `--passphrase-file`: here the passphrase options give the new passphrase,
    /// and the current one is checked below, not by `--as`.
    @OptionGroup var acting: ActingCounselorOption

    @Option(name: .customLong("current-passphrase-file"), help: ArgumentHelp(
        "When changing it: read the current passphrase from the first line of this file.", valueName: "file"))
    var currentFile: String?

    func run() throws {
        let db = try database.open()
        let counselor = try acting.identify(in: db)
        guard let counselorId = counselor.id else { throw CLIError("the counselor has no database ID") }
        let existing = try db.passphraseHash(for: counselorId)
        if let existing {
            try confirmCurrent(existing, of: counselor)
        }
        let new = try acting.passphrase.read(prompt: "New passphrase for \(counselor.displayName): ", confirm: true)
        let hash: PassphraseHash
        do {
            hash = try PassphraseHash(passphrase: new)
        } catch let error as VaultError {
            throw CLIError("\(error); nothing was changed")
        }
        try db.setPassphraseHash(hash.encoded, for: counselorId)
        say("Passphrase \(existing == nil ? "set" : "changed") for \(counselor.displayName) (counselor \(counselorId)). "
            + "Keep it safe: Waypoint cannot show or recover it.")
    }

    private func confirmCurrent(_ stored: String, of counselor: Counselor) throws {
        let current: String
        if let currentFile {
            current = try PassphraseSource.firstLine(of: currentFile, option: "--current-passphrase-file")
        } else if let terminal = PassphraseTerminal() {
            current = try terminal.ask("Current passphrase for \(counselor.displayName): ")
        } else {
            throw CLIError("\(counselor.displayName) already has a passphrase; to change it where there is no terminal, "
                + "give the current one with --current-passphrase-file FILE; nothing was changed")
        }
        guard try passphraseMatches(current, stored: stored) else {
            throw CLIError("the current passphrase is wrong; nothing was changed")
        }
    }
}
