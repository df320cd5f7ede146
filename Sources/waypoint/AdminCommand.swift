import ArgumentParser
import Foundation
import WaypointStore

/// `waypoint admin add`: makes a counselor a district admin, who may issue first passphrases
/// to colleagues (`passphrase set --as ID --admin ADMIN`).
///
/// The first admin of a database is the counselor Waypoint already takes at their word
/// (the only counselor, or the one chosen first on this database), making themselves one
/// with their passphrase; later admins are made by an admin with theirs. Each step is an
/// audit row.
struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "District admins, who issue first passphrases to colleagues.",
        subcommands: [AdminAddCommand.self])
}

struct AdminAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Make a counselor a district admin (the first one: yourself; later ones: by an admin).",
        discussion: """
            --as names the admin doing it, who gives their passphrase (--passphrase-file FILE, \
            WAYPOINT_PASSPHRASE or the terminal). The first admin of a database is the counselor chosen \
            first on it (or its only counselor): `waypoint admin add ID --as ID`. The new admin must \
            already have a passphrase.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: ActingCounselorOption

    @Argument(help: ArgumentHelp("The counselor to make a district admin (ID, sourcedId or email).", valueName: "counselor"))
    var counselor: String

    func run() throws {
        let db = try database.open()
        let admin = try acting.resolve(in: db)
        let target = try db.counselor(matching: counselor)
        guard let adminId = admin.id, let targetId = target.id else { throw CLIError("the counselor has no database ID") }
        do {
            try db.makeDistrictAdmin(targetId, by: adminId)
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
        print("\(target.displayName) (counselor \(targetId)) is a district admin.")
    }
}
