import Foundation
import GRDB
@testable import WaypointStore

/// A workstation's synced rows as a hub holds them, for tests that compare the two (the
/// model hub's and the PostgreSQL hub's convergence tests).
public enum SyncRows {
    /// A table's rows of one student, by uid, as the payload (JSON) a push would carry.
    public static func payloads(_ db: Database, table name: String, student: String) throws -> [String: String] {
        let table = SyncTable.byName[name]!
        let studentId = try Int64.fetchOne(db, sql: "SELECT id FROM student WHERE sourcedId = ?", arguments: [student])!
        let owner: String
        if table.columns.contains(where: { $0.name == "studentId" }) {
            owner = "t.studentId = \(studentId)"
        } else if table.columns.contains(where: { $0.name == "sessionId" }) {
            owner = "t.sessionId IN (SELECT id FROM advising_session WHERE studentId = \(studentId))"
        } else {
            owner = "t.interventionId IN (SELECT id FROM intervention WHERE studentId = \(studentId))"
        }
        let values = table.columns.map { column -> String in
            switch column.reference {
            case .plain: "'\(column.payloadName)', t.\(column.name)"
            case .student: "'\(column.payloadName)', (SELECT sourcedId FROM student WHERE id = t.\(column.name))"
            case .counselor: "'\(column.payloadName)', (SELECT sourcedId FROM counselor WHERE id = t.\(column.name))"
            case .parent(let parent):
                "'\(column.payloadName)', (SELECT uid FROM sync_key WHERE tableName = '\(parent)' AND localId = t.\(column.name))"
            }
        }.joined(separator: ", ")
        let uid: String
        switch table.key {
        case .id: uid = "(SELECT uid FROM sync_key WHERE tableName = '\(table.name)' AND localId = t.id)"
        case .composite(let names):
            uid = "(" + names.map { name in
                let column = table.columns.first { $0.name == name }!
                switch column.reference {
                case .student: return "(SELECT sourcedId FROM student WHERE id = t.\(name))"
                case .parent(let parent): return "(SELECT uid FROM sync_key WHERE tableName = '\(parent)' AND localId = t.\(name))"
                default: return "t.\(name)"
                }
            }.joined(separator: " || '/' || ") + ")"
        }
        var result: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT \(uid) AS uid, json_object(\(values)) AS payload FROM \(table.name) t WHERE \(owner)") {
            result[row["uid"] ?? "(no uid)"] = row["payload"]
        }
        return result
    }
}
