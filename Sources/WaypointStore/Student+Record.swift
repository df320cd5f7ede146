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

    /// The columns a student row is written with, in the order of ``writtenValues``.
    static let writtenColumns = ["id", "sourcedId", "localId", "givenName", "middleName", "familyName", "preferredName", "grade",
                                 "schoolId", "birthDate", "gender", "raceEthnicity", "englishLearner", "specialEducation",
                                 "economicallyDisadvantaged", "isActive", "source", "searchKey"]

    /// The row's values, one per ``writtenColumns``: what every GRDB write of a student
    /// (`encode(to:)`) and the prepared insert (``AppDatabase/insert(_:in:)``) write.
    /// It carries `searchKey`, which is computed from the names: written here, every insert,
    /// save and `updateChanges` keeps the full-text index in step with the names.
    var writtenValues: [(any DatabaseValueConvertible)?] {
        [id, sourcedId, localId, givenName, middleName, familyName, preferredName, grade, schoolId, birthDate, gender,
         raceEthnicity, englishLearner, specialEducation, economicallyDisadvantaged, isActive,
         isWalkIn ? WalkIn.source : WalkIn.rosterSource, searchKey]
    }

    public func encode(to container: inout PersistenceContainer) throws {
        for (column, value) in zip(Self.writtenColumns, writtenValues) {
            container[column] = value
        }
    }

    /// Decoded by hand for speed: a district-wide list or search decodes tens of thousands
    /// of rows, and the `Codable` path is several times slower. `decode` throws on a bad
    /// value (a grade outside the range) instead of crashing.
    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"),
            sourcedId: try row.decode(forColumn: "sourcedId"),
            localId: try row.decode(forColumn: "localId"),
            givenName: try row.decode(forColumn: "givenName"),
            middleName: try row.decode(forColumn: "middleName"),
            familyName: try row.decode(forColumn: "familyName"),
            preferredName: try row.decode(forColumn: "preferredName"),
            grade: try row.decode(forColumn: "grade"),
            schoolId: try row.decode(forColumn: "schoolId"),
            birthDate: try row.decode(forColumn: "birthDate"),
            gender: try row.decode(forColumn: "gender"),
            raceEthnicity: try row.decode(forColumn: "raceEthnicity"),
            englishLearner: try row.decode(forColumn: "englishLearner"),
            specialEducation: try row.decode(forColumn: "specialEducation"),
            economicallyDisadvantaged: try row.decode(forColumn: "economicallyDisadvantaged"),
            isActive: try row.decode(forColumn: "isActive"),
            // A query that names its columns may leave `source` out: such a row is read as
            // from the roster, which only hides the walk-in mark there.
            isWalkIn: row.hasColumn("source") && (row["source"] as String?) == WalkIn.source)
    }

    /// The columns `init(caseloadRow:)` reads, in its order, for a query that selects them first.
    static let caseloadColumns = """
        student.id, student.sourcedId, student.localId, student.givenName, student.middleName, student.familyName,
        student.preferredName, student.grade, student.schoolId, student.birthDate, student.gender,
        student.raceEthnicity, student.englishLearner, student.specialEducation, student.economicallyDisadvantaged,
        student.isActive, student.source
        """
    static let caseloadColumnCount = 17

    /// A student from a row that starts with `caseloadColumns`, read by position: a district
    /// is 200,000 rows, and finding each column by name compared every column name in turn.
    init(caseloadRow row: Row) throws {
        self.init(
            id: try row.decode(atIndex: 0),
            sourcedId: try row.decode(atIndex: 1),
            localId: try row.decode(atIndex: 2),
            givenName: try row.decode(atIndex: 3),
            middleName: try row.decode(atIndex: 4),
            familyName: try row.decode(atIndex: 5),
            preferredName: try row.decode(atIndex: 6),
            grade: try row.decode(atIndex: 7),
            schoolId: try row.decode(atIndex: 8),
            birthDate: try row.decode(atIndex: 9),
            gender: try row.decode(atIndex: 10),
            raceEthnicity: try row.decode(atIndex: 11),
            englishLearner: try row.decode(atIndex: 12),
            specialEducation: try row.decode(atIndex: 13),
            economicallyDisadvantaged: try row.decode(atIndex: 14),
            isActive: try row.decode(atIndex: 15),
            isWalkIn: (try row.decode(String.self, atIndex: 16)) == WalkIn.source)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
