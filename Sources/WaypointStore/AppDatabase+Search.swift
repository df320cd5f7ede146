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

    /// How many active students in the whole district match `query` (as `searchStudents`
    /// finds them), counting no further than `limit`: what a caseload search that finds
    /// nobody says is elsewhere. Only the students' own rows are read, in no order, until
    /// the count is reached: fetching every candidate with its school and last contact and
    /// ranking them all cost about 50 ms a key at 50,000 students (issue 17).
    public func countStudents(matching query: String, upTo limit: Int) throws -> Int {
        let terms = SearchText.terms(SearchText.withoutControlCharacters(query))
        guard !terms.isEmpty, limit > 0 else { return 0 }
        return try read { db in
            var sql: SQL = "SELECT * FROM student WHERE student.isActive AND ("
            sql += StudentSearch.candidateFilter(terms)
            sql += ")"
            let students = try Student.fetchCursor(db, SQLRequest<Student>(literal: sql))
            var count = 0
            while count < limit, let student = try students.next() {
                if SearchRanking.rank(student, terms: terms) != nil { count += 1 }
            }
            return count
        }
    }
}
