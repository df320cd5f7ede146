import ArgumentParser
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

    @Flag(help: "Print the refused changes as JSON.")
    var json = false

    func run() throws {
        let db = try database.openForReading()
        let refused = try db.refusedChangeSummaries()
        if json { return try printJSON(refused.map(RefusedJSON.init)) }
        guard !refused.isEmpty else {
            say("The hub has refused none of your changes.")
            return
        }
        say(refused.map(SyncRefusedListCommand.text).joined(separator: "\n"))
        say("`waypoint sync refused keep-mine N` sends yours again over the hub's version; `take-theirs N` keeps the hub's.")
    }

    /// One refused change as the counselor reads it.
    static func text(_ change: RefusedChangeSummary) -> String {
        var lines = ["\(change.id). \(change.what)\(change.student.map { " of \($0)" } ?? "")"]
        lines.append("   \(change.reason)")
        lines.append("   Theirs (at the hub): " + (change.theirs.isEmpty ? "nothing you may see" : change.theirs.joined(separator: "; ")))
        lines.append("   Yours (not saved there): " + change.mine.joined(separator: "; "))
        if !change.canKeepMine { lines.append("   Only take-theirs can clear it: the hub refuses it whoever sends it.") }
        return lines.joined(separator: "\n")
    }
}

/// The refused change's number and the database, for both decisions.
struct RefusedDecisionOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The refused change's number, as `waypoint sync refused` lists it.", valueName: "n"))
    var number: Int64

    func resolve(_ resolution: RefusedResolution) throws {
        let db = try database.open()
        let state = try db.syncState()
        do {
            // Decided in the name of the counselor this workstation syncs as.
            say(try db.resolveRefused(number, resolution, by: state.counselorId, now: Date()))
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
    var refusedAt: String?

    init(_ change: RefusedChangeSummary) {
        id = change.id
        what = change.what
        student = change.student
        reason = change.reason
        canKeepMine = change.canKeepMine
        mine = change.mine
        theirs = change.theirs
        refusedAt = change.refusedAt.map { ISO8601DateFormatter().string(from: $0) }
    }
}
