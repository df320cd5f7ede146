import WaypointCore
import WaypointStore
import WaypointUI

/// The last caseload (or district) the screen loaded in full, with its search index, so
/// that typing a search narrows rows already in memory instead of querying and summarizing
/// them again on every key: at district scale that is the difference between a frame and a
/// second. It is used only while the database is unchanged since it was loaded.
struct CaseloadCache {
    let counselorId: Int64?
    let version: ContentVersion
    let day: CivilDate
    let rows: [CaseloadEntry]
    /// The rows hold no summaries; the screen asks for them as rows come into view.
    let summariesOnDemand: Bool
    let index: StudentSearchIndex
    /// The previous search and what it found, for narrowing as letters are added.
    var lastQuery = ""
    var lastFound: [Int] = []

    init(counselorId: Int64?, version: ContentVersion, day: CivilDate, rows: [CaseloadEntry],
         summariesOnDemand: Bool = false) {
        self.counselorId = counselorId
        self.summariesOnDemand = summariesOnDemand
        self.version = version
        self.day = day
        self.rows = rows
        // `AppDatabase.caseload` gives its rows in caseload order.
        index = StudentSearchIndex(inNameOrder: rows.lazy.map(\.student))
    }

    func isValid(counselorId: Int64?, version: ContentVersion, day: CivilDate) -> Bool {
        self.counselorId == counselorId && self.version == version && self.day == day
    }

    /// The rows matching `query`, best first, as `AppDatabase.searchStudents` orders them:
    /// positions among the kept rows, which are not copied.
    mutating func search(_ query: String) -> CaseloadRows {
        let within = StudentSearchIndex.narrows(query, from: lastQuery) ? lastFound : nil
        let found = index.search(query, within: within)
        lastQuery = query
        lastFound = found
        return CaseloadRows(rows, positions: found)
    }
}
