/// The order the early-warning rules read a student's ABC data in: newest term first.
/// Shared by the workstation's store and the hub's reports, so both assess alike.
extension ABCBatch {
    /// Attendance newest term first (later start first within a term), marks newest term
    /// first (by course within a term); incidents as they are.
    public func termsNewestFirst() -> ABCBatch {
        ABCBatch(attendance: Self.newestFirst(attendance), incidents: incidents, marks: Self.newestFirst(marks))
    }

    private static func newestFirst(_ rows: [ABCAttendance]) -> [ABCAttendance] {
        let place = termPlaces(rows.map(\.term))
        return rows.sorted { place[$0.term]! < place[$1.term]! || ($0.term == $1.term && $0.startDate > $1.startDate) }
    }

    private static func newestFirst(_ rows: [ABCCourseMark]) -> [ABCCourseMark] {
        let place = termPlaces(rows.map(\.term))
        return rows.sorted { place[$0.term]! < place[$1.term]! || ($0.term == $1.term && $0.course < $1.course) }
    }

    /// Each distinct term's place, newest first, terms of equal order sharing one: the
    /// order `ABCTerm.isLater` gives, parsed once per term rather than at every comparison.
    private static func termPlaces(_ terms: [String]) -> [String: Int] {
        let distinct = Set(terms).sorted { ABCTerm.isLater($0, than: $1) }
        var places: [String: Int] = [:]
        for (index, term) in distinct.enumerated() {
            let previous = index > 0 ? distinct[index - 1] : nil
            places[term] = previous.map { ABCTerm.isLater($0, than: term) ? index : places[$0]! } ?? 0
        }
        return places
    }
}
