import Foundation

/// Named points in backup and restore where an end-to-end test kills the process
/// (`WAYPOINT_TEST_KILL_AT=<point>` raises SIGKILL there), to prove that a kill at any of
/// them leaves either the old state or the finished one. Without the variable it does nothing.
/// Imports have points too (`oneroster-checked`, `<stage>-chunk-committed`).
public enum TestHook {
    public static func reached(_ point: String) {
        guard let wanted = getenv("WAYPOINT_TEST_KILL_AT"), String(cString: wanted) == point else { return }
        // WAYPOINT_TEST_SIGNAL=INT: Ctrl-C there instead, for what the command then says.
        let interrupt = getenv("WAYPOINT_TEST_SIGNAL").map { String(cString: $0) == "INT" } ?? false
        raise(interrupt ? SIGINT : SIGKILL)
    }
}
