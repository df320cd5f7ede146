import WaypointCore

/// Reads the behavior layout: one row per incident. `incidentId` is optional; without it
/// the row's content is what makes it the same incident on a re-import.
enum ABCBehaviorRows {
    static func read(_ table: RosterTable, students: ABCStudentKeys, issues: RosterIssues) -> [ABCIncident] {
        var rows: [ABCIncident] = []
        var seen: [String: Int] = [:]
        for record in table.records {
            let student = ABCCells.student(record, students, issues: issues)
            let date = ABCCells.date(record, "date", issues: issues)
            let kind = RosterValues.checkEnum(record, "kind", ABCIncident.Kind.allCases.map(\.rawValue), required: true,
                                              issues: issues).flatMap(ABCIncident.Kind.init(rawValue:))
            let severity = RosterValues.checkEnum(record, "severity", ABCIncident.Severity.allCases.map(\.rawValue),
                                                  required: true, issues: issues).flatMap(ABCIncident.Severity.init(rawValue:))
            let days = ABCCells.decimal(record, "suspensionDays", 0...180, issues: issues)
            let id = record["incidentId"]
            guard let student, let date, let kind, let severity, let days else { continue }
            let incident = ABCIncident(studentId: student, date: date, kind: kind, severity: severity, suspensionDays: days,
                                       incidentId: id.isEmpty ? nil : id)
            ABCCells.unique("\(student)|\(date)|\(kind.rawValue)|\(incident.sourceKey)", record,
                            column: id.isEmpty ? "kind" : "incidentId",
                            what: id.isEmpty ? "incident (add an incidentId column to tell same-day incidents apart)"
                                             : "incidentId for a student, date and kind",
                            seen: &seen, issues: issues)
            rows.append(incident)
        }
        return rows
    }
}
