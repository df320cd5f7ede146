import GRDB
import WaypointCore

extension School: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "school"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
