import WaypointCore

/// The sourcedIds each file holds, so a row's references can be checked. A reference into a
/// bulk file that has rows must be found there; a delta file may leave out rows the database
/// already has, and an absent or empty file cannot be checked (one warning says so).
struct RosterReferences {
    private var ids: [String: Set<String>] = [:]
    private var modes: [String: RosterBundle.Mode] = [:]
    private var warned: Set<String> = []

    mutating func register(_ file: String, mode: RosterBundle.Mode, ids: Set<String>) {
        self.ids[file] = ids
        modes[file] = mode
    }

    func contains(_ file: String, _ id: String) -> Bool { ids[file]?.contains(id) ?? false }

    /// Checks one reference. `softly`: an unknown id is a warning (a parent org outside the
    /// export), not an error.
    mutating func check(_ record: RosterTable.Record, _ column: String, value: String, in file: String,
                        softly: Bool = false, issues: RosterIssues) {
        guard !value.isEmpty, !contains(file, value) else { return }
        let mode = modes[file] ?? .absent
        if mode == .bulk, !(ids[file]?.isEmpty ?? true) {
            let issue = record.issue(column, "the sourcedId of a row in \(file).csv", value: value)
            if softly { issues.warning(issue) } else { issues.error(issue) }
        } else if mode != .delta, warned.insert("\(record.file) \(column)").inserted {
            issues.warning(record.issue(column, "a row in \(file).csv, which is \(mode == .absent ? "absent" : "empty"); "
                                        + "references to it are not checked", value: value))
        }
    }
}
