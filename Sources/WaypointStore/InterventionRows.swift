import Foundation
import GRDB
import WaypointCore

/// Reading interventions and their notes from rows, in one place for every query.
enum InterventionRows {
    /// Active first, then the most recently started.
    static let order = "ORDER BY status <> 'active', startDate DESC, id DESC"

    static func intervention(_ row: Row) -> Intervention {
        Intervention(id: row["id"], studentId: row["studentId"], kind: row["kind"], ownerId: row["ownerId"],
                     ownerName: row["ownerName"], tier: row["tier"],
                     area: (row["area"] as String?).flatMap(InterventionArea.init(rawValue:)),
                     goal: row["goal"], startDate: CivilDate(iso: row["startDate"])!,
                     endDate: (row["endDate"] as String?).flatMap { CivilDate(iso: $0) },
                     sessionsPerWeek: row["sessionsPerWeek"], minutesPerSession: row["minutesPerSession"],
                     plannedWeeks: row["plannedWeeks"], measure: row["measure"],
                     status: InterventionStatus(rawValue: row["status"]) ?? .active, createdAt: row["createdAt"])
    }

    static func note(_ row: Row) -> InterventionNote {
        InterventionNote(id: row["id"], interventionId: row["interventionId"], date: CivilDate(iso: row["date"])!,
                         text: row["text"], authorId: row["authorId"], sessionsDelivered: row["sessionsDelivered"],
                         measuredValue: row["measuredValue"], createdAt: row["createdAt"])
    }

    static func fetch(id: Int64, db: Database) throws -> Intervention {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM intervention WHERE id = ?", arguments: [id]) else {
            throw StoreError.interventionNotFound(id: id)
        }
        return intervention(row)
    }

    static func insertNote(_ note: InterventionNote, db: Database) throws -> InterventionNote {
        guard try Counselor.exists(db, key: note.authorId) else { throw StoreError.counselorNotFound(id: note.authorId) }
        try db.execute(sql: """
            INSERT INTO intervention_note (interventionId, date, text, authorId, sessionsDelivered, measuredValue, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [note.interventionId, note.date.iso, note.text, note.authorId, note.sessionsDelivered,
                             note.measuredValue, note.createdAt])
        var saved = note
        saved.id = db.lastInsertedRowID
        return saved
    }
}
