import Foundation
import Interchange
import WaypointCore
import WaypointStore
import WaypointUI

extension EffectRunner {
    /// `x`, Enter on a plan: the family's copy as a printable HTML page in `exportFolder`
    /// (`plan-S100234-2026-11-23.html`, owner-only) in the chosen language, with its row in
    /// the audit trail.
    func exportPlan(_ studentId: Int64, by counselorId: Int64?, language: String) throws -> String {
        let (student, document) = try familyPlan(studentId, language: language)
        let path = PlanFiles.freshName(directory: exportFolder, studentId: student.localId, date: document.preparedOn, format: .html)
        try withAudit(database, AuditEntry(.exported, counselorId: counselorId, studentId: studentId, subject: "plan",
                                           detail: "html (\(document.language)) to \(path)"), file: path) {
            try PlanFiles.write(try document.rendered(as: .html), to: path)
        }
        return path
    }

    /// `x`, `p` on a plan: the family's copy, as plain text, to the default printer.
    func printPlan(_ studentId: Int64, by counselorId: Int64?, language: String) throws -> String {
        let (student, document) = try familyPlan(studentId, language: language)
        let text = try document.rendered(as: .text)
        let sentTo = try PlanPrinter.print(text, title: "Plan \(student.localId)") { printer in
            try database.recordAudit(AuditEntry(.exported, counselorId: counselorId, studentId: studentId, subject: "plan",
                                                detail: "printed on \(printer) (\(document.language))"))
        }
        return "Plan sent to the printer \(sentTo)"
    }

    private func familyPlan(_ studentId: Int64, language: String) throws -> (Student, PlanDocument) {
        guard let student = try database.student(id: studentId) else { throw StoreError.studentNotFound(id: studentId) }
        let today = CivilDate.today(now: clock())
        // A language the catalogs no longer have (a district file removed meanwhile) is
        // written in English rather than refused.
        let document = try planDocument(student, db: database, catalogs: catalogs, today: today,
                                        language: catalogs.planLanguages.language(language))
        return (student, document)
    }

    /// `i` on the welcome screen: a OneRoster folder, read strictly (no --lenient from the
    /// screen: a deviation is shown, and the shell command can accept it knowingly), then
    /// applied in short chunks; `progress` hears how far it has come. `isCancelled` is asked
    /// while the files are read: a stop then writes nothing. Once the chunks are being
    /// written the import is finished (a stop half-way would leave half a roster).
    func importRoster(_ folder: String, by counselorId: Int64?, into connection: AppDatabase,
                      isCancelled: @escaping () -> Bool = { false },
                      progress: @escaping (Int, Int) -> Void) throws -> String {
        let result: RosterReader.Result
        do {
            result = try RosterReader.read(URL(fileURLWithPath: folder), shouldStop: isCancelled)
        } catch {
            // Typed throws: the reader's only failure is a RosterImportError.
            if error.stopped { throw JobCancelled() }
            let errors = error.errors
            let first = errors.isEmpty ? "" : ": \(errors[0])"
            let problems = errors.count == 1 ? "1 problem" : "\(errors.count) problems"
            throw ImportRefused(description: "\(problems) in \(folder), nothing imported\(first). "
                + "`waypoint import oneroster \(folder)` lists them all")
        }
        if isCancelled() { throw JobCancelled() }
        let summary = try connection.importRoster(result.bundle, by: counselorId, source: folder, progress: progress)
        let students = summary.students.added, counselors = summary.counselors.added
        return "Imported \(folder): \(students) student\(students == 1 ? "" : "s") added, "
            + "\(summary.students.updated) updated, \(counselors) counselor\(counselors == 1 ? "" : "s") added."
    }
}

/// A roster folder refused as a whole, in a sentence for the footer.
struct ImportRefused: Error, CustomStringConvertible {
    var description: String
}
