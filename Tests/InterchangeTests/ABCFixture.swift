import Foundation
import Interchange
import WaypointCore
import WaypointStore

/// ABC CSV files written from strings to a scratch folder, over a database holding the
/// two students of `RosterFixture` (U1/1001 Ana, U2/1002 Ben).
struct ABCFixture {
    let folder: URL
    let db: AppDatabase

    static let attendance = """
        studentSourcedId,localId,term,startDate,endDate,daysEnrolled,daysPresent,daysAbsent
        U1,,2026-FA,2026-08-20,2026-12-18,80,70,
        ,1002,2026-FA,2026-08-20,2026-12-18,80,,4
        U1,1001,2026-SP,2026-01-05,2026-05-29,90,88,2

        """
    static let behavior = """
        studentSourcedId,incidentId,date,kind,severity,suspensionDays,ext_note
        U1,,2026-09-14,referral,minor,0,"talked back, twice"
        U2,B-77,2026-10-02,suspension,major,2.5,
        U2,,2026-10-02,detention,minor,0,

        """
    static let marks = """
        localId,term,course,subject,mark,creditsAttempted,creditsEarned,core
        1001,2026-FA,Algebra I,Mathematics,B+,1,1,yes
        1001,2026-FA,Ceramics,,P,0.5,0.5,no
        1001,2026-SP,English 9,English,F,1,0,yes
        1002,2026-FA,Algebra I,Mathematics,72,1,1,YES

        """

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("abc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        db = try AppDatabase.inMemory()
        _ = try db.importRoster(RosterReader.read(try RosterFixture().url).bundle)
    }

    /// Writes `text` as `name` and returns its URL.
    func file(_ name: String, _ text: String) throws -> URL {
        try file(name, Data(text.utf8))
    }

    func file(_ name: String, _ data: Data) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    func read(_ url: URL) throws -> ABCBatch {
        try ABCReader.read(url, students: db.abcStudentKeys())
    }

    /// The error lines for a file, or [] when it reads.
    func errors(_ name: String, _ text: String) throws -> [String] {
        do {
            _ = try read(try file(name, text))
            return []
        } catch let error as RosterImportError {
            return error.errors.map(\.description)
        }
    }
}
