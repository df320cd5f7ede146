import GRDB
import WaypointCore

extension Student: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "student"

    /// Columns queries refer to by name.
    public enum Columns {
        public static let id = Column("id")
        public static let localId = Column("localId")
        public static let familyName = Column("familyName")
        public static let givenName = Column("givenName")
        public static let grade = Column("grade")
        public static let schoolId = Column("schoolId")
        public static let isActive = Column("isActive")
        public static let searchKey = Column("searchKey")
    }

    /// Written out by hand rather than derived from `Codable` because the row also carries
    /// `searchKey`, which is computed from the names: encoding it here means every insert,
    /// save and `updateChanges` keeps the full-text index in step with the names.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["sourcedId"] = sourcedId
        container["localId"] = localId
        container["givenName"] = givenName
        container["middleName"] = middleName
        container["familyName"] = familyName
        container["preferredName"] = preferredName
        container["grade"] = grade
        container["schoolId"] = schoolId
        container["birthDate"] = birthDate
        container["gender"] = gender
        container["raceEthnicity"] = raceEthnicity
        container["englishLearner"] = englishLearner
        container["specialEducation"] = specialEducation
        container["economicallyDisadvantaged"] = economicallyDisadvantaged
        container["isActive"] = isActive
        container["searchKey"] = searchKey
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
