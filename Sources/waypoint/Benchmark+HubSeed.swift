import Foundation
import WaypointCatalogs
import WaypointCore
import WaypointStore

/// One template student's records as a workstation's capture made them (docs/SYNC.md "Local
/// capture"), cut into text and the places where the student, the counselor or a record's own
/// UUID stand, so the bench can repeat them for every student of a large district without
/// writing each through a workstation.
struct SeedTemplate {
    enum Piece {
        case text(Substring)
        case student
        case counselor
        case uuid(Int)
    }

    struct Record {
        var table: String
        var uid: [Piece]
        var payload: [Piece]
    }

    var records: [Record]
    var uuidCount: Int

    /// The records for `student` of `counselor`, each made-offline record with a new UUID.
    func render(student: String, counselor: String) -> [(table: String, uid: String, payload: String)] {
        let fresh = (0..<uuidCount).map { _ in UUID().uuidString.lowercased() }
        func text(_ pieces: [Piece]) -> String {
            var out = ""
            for piece in pieces {
                switch piece {
                case .text(let text): out += text
                case .student: out += student
                case .counselor: out += counselor
                case .uuid(let index): out += fresh[index]
                }
            }
            return out
        }
        return records.map { ($0.table, text($0.uid), text($0.payload)) }
    }

    private static let counselorMark = "benchtmplcou"
    private static func studentMark(_ index: Int) -> String { "benchtmplstu\(index)x" }

    /// Writes `count` generated students' plans and `years` years of sessions (three four-month
    /// spans of the demo's sessions a year) on a workstation joined to a hub that is never reached,
    /// through the store's own writes, and cuts what its outbox holds into templates.
    static func make(count: Int, years: Int = 3, folder: URL) throws -> [SeedTemplate] {
        var district = DemoDistrict.generate(students: count, counselors: 1, seed: 23, lowerSchools: false)
        for index in district.students.indices { district.students[index].sourcedId = studentMark(index) }
        district.counselors[0].sourcedId = counselorMark
        let db = try AppDatabase.open(path: folder.appendingPathComponent("hub-template.sqlite").path)
        try db.loadDemoDistrict(district)
        guard let counselorId = try db.allCounselors().first?.id else { throw BenchmarkProcess.Failure(description: "no template counselor") }
        try db.joinHub(url: "postgres://bench@127.0.0.1:5432/template", counselorId: counselorId)
        let today = CivilDate.today()
        let plans = DemoPlans.generate(for: district.students, catalogs: CatalogLoader.shipped, today: today, seed: 23)
        let sessions = (0..<(3 * years)).flatMap { span in
            DemoSessions.generate(for: district.students, today: today.adding(days: -120 * span), seed: UInt64(31 + span))
        }
        var ends: [Int] = []
        for index in district.students.indices {
            guard let id = try db.student(sourcedId: studentMark(index))?.id else {
                throw BenchmarkProcess.Failure(description: "template student \(index) is missing")
            }
            for plan in plans where plan.studentId == Int64(index) {
                try db.writePlan(plan, studentId: id, by: counselorId, today: today)
            }
            for var session in sessions where session.studentId == Int64(index) {
                session.studentId = id
                session.authorId = counselorId
                try db.recordSession(session)
            }
            ends.append(try db.pendingChangeCount())
        }
        let pending = try db.pendingChanges(limit: Int(Int32.max))
        var templates: [SeedTemplate] = []
        var start = 0
        for (index, end) in ends.enumerated() {
            let entries = pending[start..<end].filter { $0.tableName != "audit_event" }
            start = end
            let uuids = entries.map(\.uid).filter { UUID(uuidString: $0) != nil }
            let marks: [(String, Piece)] = [(studentMark(index), .student), (counselorMark, .counselor)]
                + uuids.enumerated().map { ($0.element, .uuid($0.offset)) }
            templates.append(SeedTemplate(records: entries.map {
                Record(table: $0.tableName, uid: cut($0.uid, marks), payload: cut($0.payload, marks))
            }, uuidCount: uuids.count))
        }
        return templates
    }

    /// `text` cut at every occurrence of the marks (none of which holds another).
    private static func cut(_ text: String, _ marks: [(String, Piece)]) -> [Piece] {
        var pieces: [Piece] = []
        var rest = text[...]
        while !rest.isEmpty {
            var earliest: (range: Range<Substring.Index>, piece: Piece)?
            for (mark, piece) in marks {
                if let range = rest.range(of: mark), earliest.map({ range.lowerBound < $0.range.lowerBound }) ?? true {
                    earliest = (range, piece)
                }
            }
            guard let earliest else {
                pieces.append(.text(rest))
                break
            }
            if earliest.range.lowerBound > rest.startIndex { pieces.append(.text(rest[..<earliest.range.lowerBound])) }
            pieces.append(earliest.piece)
            rest = rest[earliest.range.upperBound...]
        }
        return pieces
    }
}
