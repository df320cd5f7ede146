import GRDB
import WaypointCore

extension Counselor: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "counselor"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
