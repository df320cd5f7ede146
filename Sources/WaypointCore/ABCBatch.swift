/// The rows of one validated ABC file (attendance, behavior or course marks), with
/// students already resolved to their database ids. The reader (Interchange) builds it and
/// the store applies it, as with `RosterBundle`.
public struct ABCBatch: Equatable, Sendable {
    public var attendance: [ABCAttendance]
    public var incidents: [ABCIncident]
    public var marks: [ABCCourseMark]

    public init(attendance: [ABCAttendance] = [], incidents: [ABCIncident] = [], marks: [ABCCourseMark] = []) {
        self.attendance = attendance
        self.incidents = incidents
        self.marks = marks
    }
}

/// The students an ABC file may name, by roster sourcedId and by local ID. The store
/// provides it; the reader reports a row naming anyone else at its line and column.
public struct ABCStudentKeys: Sendable {
    public var bySourcedId: [String: Int64]
    public var byLocalId: [String: Int64]

    public init(bySourcedId: [String: Int64], byLocalId: [String: Int64]) {
        self.bySourcedId = bySourcedId
        self.byLocalId = byLocalId
    }
}
