import Foundation
import GRDB
@testable import WaypointStore

/// A workstation's synced rows as a hub holds them, for tests that compare the two (the
/// model hub's and the PostgreSQL hub's convergence tests, the kill tests).
public enum SyncRows {
    /// A table's rows of one student, by uid, as the payload (JSON) a push would carry. A
    /// confidential session's topics are left out: they ride sealed inside the session and
    /// have no rows of their own at the hub.
    public static func payloads(_ db: Database, table name: String, student: String) throws -> [String: String] {
        let table = SyncTable.byName[name]!
        let studentId = try Int64.fetchOne(db, sql: "SELECT id FROM student WHERE sourcedId = ?", arguments: [student])!
        let owner: String
        if table.columns.contains(where: { $0.name == "studentId" }) {
            owner = "t.studentId = \(studentId)"
        } else if table.name == "session_topic" {
            owner = "t.sessionId IN (SELECT id FROM advising_session WHERE studentId = \(studentId) AND NOT isConfidential)"
        } else if table.columns.contains(where: { $0.name == "sessionId" }) {
            owner = "t.sessionId IN (SELECT id FROM advising_session WHERE studentId = \(studentId))"
        } else {
            owner = "t.interventionId IN (SELECT id FROM intervention WHERE studentId = \(studentId))"
        }
        var result: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT \(table.uidSQL("t")) AS uid, \(table.payloadSQL("t")) AS payload FROM \(table.name) t WHERE \(owner)") {
            result[row["uid"] ?? "(no uid)"] = row["payload"]
        }
        return result
    }
}
