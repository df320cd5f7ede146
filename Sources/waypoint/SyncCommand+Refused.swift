import ArgumentParser
import CursesBackend
import Foundation
import WaypointCore
import WaypointStore

/// `waypoint sync refused ...`: the changes the hub refused, and the counselor's decision on each.
struct SyncRefusedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refused",
        abstract: "List the changes the hub refused (yours and theirs, in words), and decide on each.",
        subcommands: [SyncRefusedListCommand.self, SyncKeepMineCommand.self, SyncTakeTheirsCommand.self],
        defaultSubcommand: SyncRefusedListCommand.self)
}

struct SyncRefusedListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the refused changes (the default).")

    @OptionGroup var database: DatabaseOptions

    /// A confidential change's content is its author's: their passphrase, as every command asks it.
    @OptionGroup var passphrase: PassphraseOptions

    @Flag(help: "Print the refused changes as JSON.")
    var json = false

    func run() throws {
        // To record: checking the author's passphrase records the try (a wrong one is audited).
        let db = try database.openToRecord()
        var refused = try db.refusedChangeSummaries(viewerId: nil)
        if refused.contains(where: \.isWithheld), let author = try authorAtTheKeyboard(db) {
            refused = try db.refusedChangeSummaries(viewerId: author)
        }
        if json { return try printJSON(refused.map(RefusedJSON.init)) }
        guard !refused.isEmpty else {
            say("The hub has refused none of your changes.")
            return
        }
        say(refused.map(SyncRefusedListCommand.text).joined(separator: "\n"))
        say("`waypoint sync refused keep-mine N` sends yours again over the hub's version; `take-theirs N` keeps the hub's.")
    }

    /// The counselor this workstation syncs as (whose changes these are), once their
    /// passphrase is checked; nil when it cannot be asked (no terminal, no file, no
    /// WAYPOINT_PASSPHRASE): then confidential content stays withheld. A wrong passphrase
    /// is refused as everywhere, with nothing shown.
    private func authorAtTheKeyboard(_ db: AppDatabase) throws -> Int64? {
        if passphrase.comesFromTerminal, PassphraseTerminal() == nil,
           let id = try db.syncState().counselorId, try db.passphraseHash(for: id) != nil {
            return nil
        }
        return try syncCounselorChecked(db, passphrase: passphrase, purpose: "to show confidential changes", outcome: "nothing was shown")
    }

    /// One refused change as the counselor reads it.
    static func text(_ change: RefusedChangeSummary) -> String {
        var lines = ["\(change.id). \(change.what)\(change.student.map { " of \($0)" } ?? "")"]
        lines.append("   \(change.reason)")
        if change.isWithheld {
            lines.append("   Its content is confidential, shown to its author only: give their passphrase to see it "
                + "(--passphrase-file FILE, \(PassphraseSource.environmentName), or type it at a terminal).")
        } else {
            lines.append("   Theirs (at the hub): " + (change.theirs.isEmpty ? "nothing you may see" : change.theirs.joined(separator: "; ")))
            lines.append("   Yours (not saved there): " + change.mine.joined(separator: "; "))
        }
        if !change.canKeepMine { lines.append("   Only take-theirs can clear it: the hub refuses it whoever sends it.") }
        return lines.joined(separator: "\n")
    }
}

/// The refused change's number and the database, for both decisions.
struct RefusedDecisionOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The refused change's number, as `waypoint sync refused` lists it.", valueName: "n"))
    var number: Int64

    /// A decision is made in the name of the counselor this workstation syncs as, so it
    /// asks for their passphrase as every command that acts as them does.
    @OptionGroup var passphrase: PassphraseOptions

    func resolve(_ resolution: RefusedResolution) throws {
        // To record: checking the passphrase records the try (a wrong one is audited).
        let db = try database.openToRecord()
        let counselor = try syncCounselorChecked(db, passphrase: passphrase, purpose: "to decide in their name",
                                                 outcome: "nothing was decided")
        do {
            say(try db.resolveRefused(number, resolution, by: counselor, now: Date()))
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
    }
}

struct SyncKeepMineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keep-mine",
        abstract: "Send your version again, over the hub's: the next sync saves it there (the audit trail says so).")

    @OptionGroup var decision: RefusedDecisionOptions

    func run() throws { try decision.resolve(.keepMine) }
}

struct SyncTakeTheirsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "take-theirs",
        abstract: "Keep the hub's version (already shown here) and drop yours (the audit trail says so).")

    @OptionGroup var decision: RefusedDecisionOptions

    func run() throws { try decision.resolve(.takeTheirs) }
}

/// `sync refused --json`: the summary, its time as ISO 8601 text.
private struct RefusedJSON: Encodable {
    var id: Int64
    var what: String
    var student: String?
    var reason: String
    var canKeepMine: Bool
    var mine: [String]
    var theirs: [String]
    /// Confidential, and the author's passphrase was not given: mine and theirs are left out.
    var withheld: Bool
    var refusedAt: String?

    init(_ change: RefusedChangeSummary) {
        id = change.id
        what = change.what
        student = change.student
        reason = change.reason
        canKeepMine = change.canKeepMine
        mine = change.mine
        theirs = change.theirs
        withheld = change.isWithheld
        refusedAt = change.refusedAt.map { ISO8601DateFormatter().string(from: $0) }
    }
}

/// The counselor this workstation syncs as, with their passphrase checked when they have
/// one (a wrong one is refused, counted and audited as everywhere, and `outcome` says what
/// did not happen); nil when the workstation has not joined a hub.
private func syncCounselorChecked(_ db: AppDatabase, passphrase: PassphraseOptions, purpose: String,
                                  outcome: String) throws -> Int64? {
    guard let id = try db.syncState().counselorId, let counselor = try db.allCounselors().first(where: { $0.id == id }) else {
        return nil
    }
    guard try db.passphraseHash(for: id) != nil else { return id }
    try refuseWhileWaiting(for: counselor, in: db, then: outcome)
    let typed = try passphrase.read(prompt: "Passphrase for \(counselor.displayName) (\(purpose)): ")
    try checkCounselorPassphrase(typed, of: counselor, in: db, wrong: "wrong passphrase for \(counselor.displayName)",
                                 outcome: outcome)
    return id
}
