import GRDB
import WaypointCore

extension AppDatabase {
    /// Students matching what the counselor typed, best match first (see `SearchRank`):
    /// accent- and case-insensitive, every word of the query required, and limited to one
    /// counselor's caseload when `counselorId` is given. Only active students are found,
    /// as in `caseload(counselorId:)`.
    ///
    /// An empty query lists the whole caseload, so the list never goes blank mid-typing.
    public func searchStudents(_ query: String, counselorId: Int64?, limit: Int = 200) throws -> [CaseloadEntry] {
        let query = SearchText.withoutControlCharacters(query)
        let terms = SearchText.terms(query)
        guard !terms.isEmpty else { return try caseload(counselorId: counselorId) }
        let candidates = try read { db in
            try AppDatabase.fetchEntries(db, counselorId: counselorId, grade: nil,
                                         matching: StudentSearch.candidateFilter(terms))
        }
        var byId: [Int64: CaseloadEntry] = [:]
        for entry in candidates { byId[entry.id] = entry }
        return SearchRanking.ordered(candidates.map(\.student), query: query)
            .prefix(max(0, limit))
            .compactMap { student in student.id.flatMap { byId[$0] } }
    }
}
