import ArgumentParser
import Foundation
import WaypointCore
import WaypointStore

/// `--as`: the counselor a command acts as. Sessions are credited to them and confidential
/// notes are shown only when they wrote them.
struct ActingCounselorOption: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Act as this counselor (ID, sourcedId or email; default: $WAYPOINT_COUNSELOR, or the only counselor).",
        valueName: "counselor"))
    var counselor: String?

    func resolve(in db: AppDatabase) throws -> Counselor {
        if let text = counselor ?? ProcessInfo.processInfo.environment["WAYPOINT_COUNSELOR"] {
            return try db.counselor(matching: text)
        }
        let all = try db.allCounselors()
        guard all.count == 1 else {
            throw CLIError(all.isEmpty
                ? "this database has no counselors yet; load the demo district or import a roster first"
                : "this database has \(all.count) counselors; say which one you are with --as ID (or WAYPOINT_COUNSELOR)")
        }
        return all[0]
    }

    /// The counselor for the audit trail of a command that can run without one (a view, an
    /// export, a plan change): as `resolve`, but nil where it would ask which counselor. A
    /// counselor named with `--as` or `WAYPOINT_COUNSELOR` must still exist, unless the
    /// database has no counselors yet (the first roster import brings them).
    func resolveIfKnown(in db: AppDatabase) throws -> Counselor? {
        let all = try db.allCounselors()
        if all.isEmpty { return nil }
        if counselor ?? ProcessInfo.processInfo.environment["WAYPOINT_COUNSELOR"] != nil { return try resolve(in: db) }
        return all.count == 1 ? all[0] : nil
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
