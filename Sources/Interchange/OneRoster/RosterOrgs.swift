import WaypointCore

/// orgs.csv: districts, schools and other org units.
struct RosterOrg {
    var sourcedId: String
    var name: String
    var type: String
    var parentSourcedId: String?
    var isActive: Bool

    static func read(_ table: RosterTable, mode: RosterBundle.Mode, issues: RosterIssues) -> [RosterOrg] {
        var seen: Set<String> = []
        var orgs: [RosterOrg] = []
        for record in table.records {
            let active = RosterValues.checkCommon(record, mode: mode, seen: &seen, issues: issues)
            RosterValues.checkRequired(record, ["name"], issues: issues)
            let type = RosterValues.checkEnum(record, "type", RosterValues.orgTypes, required: true, issues: issues)
            let parent = record["parentSourcedId"]
            orgs.append(RosterOrg(sourcedId: record["sourcedId"], name: record["name"], type: type ?? "",
                                  parentSourcedId: parent.isEmpty ? nil : parent, isActive: active))
        }
        return orgs
    }

    /// A parent outside the export is common (a district file sent separately): a warning.
    static func checkParents(_ table: RosterTable, references: inout RosterReferences, issues: RosterIssues) {
        for record in table.records {
            references.check(record, "parentSourcedId", value: record["parentSourcedId"], in: "orgs", softly: true,
                             issues: issues)
        }
    }
}
