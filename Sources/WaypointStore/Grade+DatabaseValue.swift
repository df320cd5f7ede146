import GRDB
import WaypointCore

/// Grades are stored as their integer so SQL can compare and filter them; a value outside
/// the known range fails to decode instead of becoming a wrong grade.
extension Grade: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Grade? {
        Int.fromDatabaseValue(dbValue).flatMap(Grade.init(rawValue:))
    }
}
