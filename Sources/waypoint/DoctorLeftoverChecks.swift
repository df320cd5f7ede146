import Foundation
import WaypointStore

/// Plain copies of student records that a killed backup or restore left behind (see
/// ``LeftoverCopies``). Any command that opens the database removes them; doctor, which
/// changes nothing unless asked, names them.
enum LeftoverChecks {
    static func run(databasePath: String) -> [DoctorFinding] {
        let found = LeftoverCopies.find(databasePath: databasePath)
        guard !found.isEmpty else { return [.ok("no copies left behind by a stopped backup or restore")] }
        return [.warning("plain copies of student records left behind by a stopped backup or restore (\(found.count)): "
                         + found.joined(separator: ", "),
                         fix: "`waypoint doctor --fix --db \(databasePath)` removes them "
                            + "(so does any Waypoint command that opens the database)")]
    }

    /// `doctor --fix`: removes them and says so.
    static func fix(databasePath: String) {
        for path in LeftoverCopies.remove(databasePath: databasePath) { print("FIXED    removed \(path)") }
    }
}
