import ArgumentParser
import Foundation
import WaypointCore
import TerminalKit
import WaypointStore

/// `--db`, shared by every command that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The database file (default: $WAYPOINT_DB, else $XDG_DATA_HOME/waypoint/waypoint.sqlite).",
        valueName: "path"))
    var path: String?

    var resolvedPath: String {
        DatabaseLocation.resolve(flag: path, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens (creating it if needed) for commands that write.
    func open() throws -> AppDatabase {
        try opening { try AppDatabase.open(path: $0) }
    }

    /// Opens for the interactive screen: a write waits about a second for another
    /// program's lock, then the screen keeps the work and tries again itself.
    func openForScreen() throws -> AppDatabase {
        try opening { try AppDatabase.open(path: $0, patience: .screen) }
    }

    /// Opens an existing database for commands that show or export student records: they
    /// never create a file or folder, but they write to the audit trail that they were run.
    func openToRecord() throws -> AppDatabase {
        try opening { try AppDatabase.openExisting(path: $0) }
    }

    /// Opens an existing database for a command that must not create one (a dry run, an ABC
    /// file); when there is none, `missing` says why and what to do first.
    func openExisting(missing: String) throws -> AppDatabase {
        do {
            return try AppDatabase.openExisting(path: resolvedPath)
        } catch StoreError.databaseMissing(let path) {
            throw CLIError("there is no Waypoint database at \(path) yet: \(missing). Nothing was created.")
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
    }

    /// Opens an existing database for commands that only read: they never create or change a file.
    func openForReading() throws -> AppDatabase {
        try opening { try AppDatabase.openForReading(path: $0) }
    }

    private func opening(_ body: (String) throws -> AppDatabase) throws -> AppDatabase {
        let location = resolvedPath
        // Plain copies a killed backup or restore left behind are removed before anything else.
        LeftoverCopies.remove(databasePath: location)
        do {
            return try body(location)
        } catch let error as StoreError {
            throw CLIError(error.description)
        } catch {
            throw CLIError("cannot open the database at \(location): \(error)")
        }
    }
}

/// A failure the user can act on: printed as "Error: …" on stderr, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    /// Messages quote names and values from the data: they reach the terminal sanitized.
    init(_ description: String) { self.description = Sanitizer.sanitizeKeepingLines(description) }
}

extension AppDatabase {
    /// Finds a counselor by database ID, roster sourcedId or email, as typed on the command line.
    func counselor(matching text: String) throws -> Counselor {
        let counselors = try allCounselors()
        let folded = text.lowercased()
        if let match = counselors.first(where: {
            ($0.id.map(String.init) == text) || $0.sourcedId == text || $0.email?.lowercased() == folded
        }) {
            return match
        }
        let known = counselors.prefix(8).map { "\($0.id ?? 0) (\($0.displayName))" }.joined(separator: ", ")
        throw CLIError("no counselor matches \"\(text)\"; expected a counselor ID, sourcedId or email"
            + (known.isEmpty ? " (this database has no counselors)" : ", e.g. \(known)"))
    }
}
