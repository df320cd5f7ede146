import GRDB

/// A row of `caseload`: one student on one counselor's caseload. A student may sit on
/// several caseloads (a counselor and a college advisor), hence a table of pairs rather
/// than a counselor column on `student`.
struct CaseloadAssignment: Codable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "caseload"

    var counselorId: Int64
    var studentId: Int64
}
