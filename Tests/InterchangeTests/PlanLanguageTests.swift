import Foundation
import Interchange
import WaypointCatalogs
import WaypointCore
import XCTest

/// Issue 16 item 6: the family's plan in their language. Strings live in a catalog file
/// per language; what a language lacks reads in English and is listed by a check.
final class PlanLanguageTests: XCTestCase {
    let today = CivilDate(year: 2026, month: 11, day: 23)
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("plan-languages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private var shipped: Catalogs { CatalogLoader.shipped }
    private var spanish: PlanLanguage { shipped.planLanguages.language("es")! }

    /// A senior's full plan: every section a family reads, so every sentence is exercised.
    private func document(catalogs: Catalogs = CatalogLoader.shipped, language: PlanLanguage?) -> PlanDocument {
        let student = Student(id: 1, localId: "S100234", givenName: "Sofía", familyName: "García", grade: Grade(rawValue: 12)!, schoolId: 1)
        var plan = StudentPlan(studentId: 1, pathwayId: "health-science")
        plan.goals = PlanGoals(postsecondary: .twoYear, careerInterests: ["Enfermería"])
        plan.courses = [
            PlannedCourse(studentId: 1, year: Grade(rawValue: 9)!, title: "Álgebra I", subject: "math", credits: 1, status: .completed, gradeEarned: "B"),
            PlannedCourse(studentId: 1, year: Grade(rawValue: 9)!, title: "Biología", subject: "science", credits: 1, status: .completed, gradeEarned: "F"),
            PlannedCourse(studentId: 1, year: Grade(rawValue: 10)!, title: "Terminología médica", subject: "cte", credits: 1, level: .honors, status: .inProgress),
            PlannedCourse(studentId: 1, year: Grade(rawValue: 11)!, title: "Química", subject: "science", credits: 0.5),
        ]
        plan.milestones = [
            MilestoneRecord(studentId: 1, milestoneId: "fafsa", status: .notStarted, dueDate: CivilDate(year: 2026, month: 10, day: 1)),
            MilestoneRecord(studentId: 1, milestoneId: "asvab", status: .done, evidence: "84", completedDate: CivilDate(year: 2026, month: 3, day: 2)),
        ]
        plan.workBasedLearning = [WorkBasedLearning(studentId: 1, kind: .jobShadow, organization: "Clínica Valle", hours: 6)]
        plan.collegeCredits = [CollegeCredit(studentId: 1, course: "Anatomía 101", institution: "Colegio Valle", credits: 3)]
        plan.certifications = [Certification(studentId: 1, name: "RCP", issuer: "Cruz Roja", status: .earned)]
        plan.pathwayHistory = [PathwayChange(date: Date(timeIntervalSince1970: 1_750_000_000), fromId: nil, toId: "health-science", reason: "", authorId: 1)]
        return PlanDocument(student: student, school: "Preparatoria Riverside", counselors: ["Ana Rivera"], plan: plan,
                            years: (9...12).map { Grade(rawValue: $0)! }, catalogs: catalogs, today: today, language: language)
    }

    /// The fragments of an English sentence between its placeholders, long enough to be a
    /// telltale ("credits" yes, "ID " no).
    private func englishFragments(of language: PlanLanguage, catalogs: Catalogs) -> [String] {
        let english = catalogs.planLanguages.english
        var fragments: [String] = []
        for (key, text) in english.strings where language.strings[key] != text {
            var rest = text
            while let open = rest.firstIndex(of: "{") {
                fragments.append(String(rest[..<open]))
                rest = String(rest[(rest[open...].firstIndex(of: "}").map { rest.index(after: $0) } ?? rest.endIndex)...])
            }
            fragments.append(rest)
        }
        return fragments.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " ,.:;()")) }.filter { $0.count >= 5 }
    }

    func testTheShippedSpanishTranslatesEverythingTheShippedCatalogsPutOnAPlan() {
        XCTAssertEqual(shipped.planLanguages.languages.map(\.id), ["en", "es"])
        XCTAssertEqual(shipped.planLanguages.missing(in: spanish, catalogs: shipped), [])
        XCTAssertEqual(shipped.planLanguages.missing(in: shipped.planLanguages.english, catalogs: shipped), [])
    }

    /// No English sentence, heading or catalog title is left where Spanish has its own; the
    /// student's data (names, course titles) is never translated.
    func testTheSpanishPlanLeavesNoEnglishWhereATranslationExists() throws {
        let doc = document(language: spanish)
        // "Health Science" stays where it is data: a course of the program of study.
        let englishTitles = ["Pathway: Health Science", "2-year college", "(Science,", "Job shadow", "College credit", "Certification", "FAFSA: not started",
                             "ASVAB: done", "Math", "Career and Technical Education", "Honors", "in progress",
                             "completed", "planned", "24-credit diploma", "no pathway", "Electives"]
        for format in [PlanFormat.text, .markdown, .html] {
            // What a reader sees: the page's tags and class names are not words on it.
            let rendered = try doc.rendered(as: format)
                .replacingOccurrences(of: "<style>[\\s\\S]*</style>", with: "", options: .regularExpression)
                .replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            for fragment in englishFragments(of: spanish, catalogs: shipped) + englishTitles {
                XCTAssertFalse(rendered.localizedCaseInsensitiveContains(fragment), "\(format) still says \"\(fragment)\":\n\(rendered)")
            }
            for data in ["Sofía García", "Álgebra I", "Terminología médica", "Clínica Valle", "Enfermería", "Preparatoria Riverside"] {
                XCTAssertTrue(rendered.contains(data), "\(format) lost \(data)")
            }
        }
        let text = try doc.rendered(as: .text)
        XCTAssertTrue(text.hasPrefix("PLAN UNIVERSITARIO Y PROFESIONAL\n"), text)
        XCTAssertTrue(text.contains("Estudiante: Sofía García (ID S100234), grado 12, Preparatoria Riverside"), text)
        XCTAssertTrue(text.contains("Trayectoria: Ciencias de la salud"), text)
        XCTAssertTrue(text.contains("Después de la preparatoria: Colegio comunitario de 2 años; le interesa Enfermería"), text)
        XCTAssertTrue(text.contains("Matemáticas: 1 de 3 obtenidos, faltan 2 créditos"), text)
        XCTAssertTrue(text.contains("Educación física: 0 de 1 obtenidos, falta 1 crédito"), text)
        XCTAssertTrue(text.contains("GRADO 9 (1 crédito)"), text)
        XCTAssertTrue(text.contains("Biología (Ciencias, 1 crédito, completado, F, sin crédito obtenido)"), text)
        XCTAssertTrue(text.contains("Terminología médica (Educación técnica y profesional, 1 crédito, Honores, en curso)"), text)
        XCTAssertTrue(text.contains("GRADO 11 (0.5 créditos)"), text)
        XCTAssertTrue(text.contains("Grado 12: FAFSA (ayuda federal para estudiantes): sin empezar, fecha límite 2026-10-01 (atrasada)"), text)
        XCTAssertTrue(text.contains("Grado 11: ASVAB (meta anterior): hecho el 2026-03-02 (84)"), text)
        XCTAssertTrue(text.contains("Observación de un trabajo: Clínica Valle (6 horas)"), text)
        XCTAssertTrue(text.contains("Certificación: RCP (Cruz Roja) (obtenida)"), text)
        XCTAssertTrue(text.contains(": ninguna trayectoria → Ciencias de la salud"), text)
        XCTAssertTrue(try doc.rendered(as: .html).contains("<html lang=\"es\">"))
        let json = try JSONSerialization.jsonObject(with: Data(try doc.rendered(as: .json).utf8)) as? [String: Any]
        XCTAssertEqual(json?["language"] as? String, "es")
        XCTAssertEqual(json?["pathway"] as? String, "Ciencias de la salud")
    }

    /// English reads exactly as before: the same requirement sentences every screen shows.
    func testTheEnglishPlanSaysWhatTheScreensSay() throws {
        let doc = document(language: nil)
        var plan = StudentPlan(studentId: 1)
        plan.courses = [
            PlannedCourse(studentId: 1, year: Grade(rawValue: 9)!, title: "Álgebra I", subject: "math", credits: 1, status: .completed, gradeEarned: "B"),
            PlannedCourse(studentId: 1, year: Grade(rawValue: 9)!, title: "Biología", subject: "science", credits: 1, status: .completed, gradeEarned: "F"),
            PlannedCourse(studentId: 1, year: Grade(rawValue: 10)!, title: "Terminología médica", subject: "cte", credits: 1, level: .honors, status: .inProgress),
            PlannedCourse(studentId: 1, year: Grade(rawValue: 11)!, title: "Química", subject: "science", credits: 0.5),
        ]
        let report = RequirementCheck.check(plan.courses, against: shipped.requirementSets.defaultSet)
        XCTAssertEqual(doc.requirementLines, report.summaries)
        XCTAssertEqual(doc.language, "en")
        let text = try doc.rendered(as: .text)
        XCTAssertTrue(text.hasPrefix("COLLEGE AND CAREER PLAN\n"), text)
        XCTAssertTrue(text.contains("Grade 12: FAFSA: not started, due 2026-10-01 (overdue)"), text)
        XCTAssertTrue(text.contains("Biología (Science, 1 credit, completed, F, no credit earned)"), text)
        XCTAssertTrue(text.contains("Terminología médica (Career and Technical Education, 1 credit, Honors, in progress)"), text)
    }

    /// A district's Spanish file without a heading, and its own milestone with no Spanish:
    /// both read in English, and the check names both.
    func testAMissingTranslationFallsBackToEnglishAndIsListed() throws {
        var json = try String(contentsOfFile: try builtInPath("plan-text-es.json"), encoding: .utf8)
        json = json.replacingOccurrences(of: "    \"plan.milestones\": \"Metas\",\n", with: "")
        try json.write(to: folder.appendingPathComponent("plan-text-es.json"), atomically: true, encoding: .utf8)
        var milestones = try String(contentsOfFile: try builtInPath("milestones.json"), encoding: .utf8)
        milestones = milestones.replacingOccurrences(of: "\"id\": \"resume\"", with: "\"id\": \"portfolio\"")
            .replacingOccurrences(of: "\"title\": \"Resume\"", with: "\"title\": \"Senior portfolio\"")
        try milestones.write(to: folder.appendingPathComponent("milestones.json"), atomically: true, encoding: .utf8)
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.warnings, [])
        let es = try XCTUnwrap(load.catalogs.planLanguages.language("es"))
        XCTAssertEqual(load.catalogs.planLanguages.missing(in: es, catalogs: load.catalogs),
                       ["strings.plan.milestones", "terms.milestone.portfolio"])
        var student = StudentPlan(studentId: 1)
        student.goals = PlanGoals(postsecondary: .workforce)
        student.milestones = [MilestoneRecord(studentId: 1, milestoneId: "portfolio", status: .inProgress)]
        let doc = PlanDocument(student: Student(id: 1, localId: "S1", givenName: "Ana", familyName: "Ruiz", grade: Grade(rawValue: 12)!, schoolId: 1),
                               school: "Riverside", counselors: [], plan: student, years: (9...12).map { Grade(rawValue: $0)! },
                               catalogs: load.catalogs, today: today, language: es)
        let text = try doc.rendered(as: .text)
        XCTAssertTrue(text.contains("\nMILESTONES\n"), text)
        XCTAssertTrue(text.contains("Senior portfolio: en curso"), text)
        XCTAssertTrue(text.contains("Requisitos de graduación".uppercased()), text)
    }

    /// Vietnamese added by a district, without code: offered, matched to a family's home
    /// language, and used.
    func testADistrictAddsALanguageWithAFile() throws {
        try """
            {
              "language": "vi",
              "name": "Tiếng Việt",
              "englishName": "Vietnamese",
              "strings": { "plan.title": "Kế hoạch đại học và nghề nghiệp", "plan.grade": "Lớp {grade}" },
              "terms": { "goal": { "2-year": "Cao đẳng 2 năm" } }
            }
            """.write(to: folder.appendingPathComponent("plan-text-vi.json"), atomically: true, encoding: .utf8)
        let load = CatalogLoader.load(configDirectory: folder.path)
        XCTAssertEqual(load.warnings, [])
        let languages = load.catalogs.planLanguages
        XCTAssertEqual(languages.languages.map(\.id), ["en", "es", "vi"])
        XCTAssertEqual(languages.language(forHomeLanguages: ["vietnamese"])?.id, "vi")
        XCTAssertEqual(languages.language(forHomeLanguages: ["Haitian Creole", "ESPAÑOL"])?.id, "es",
                       "the first home language a file speaks")
        XCTAssertNil(languages.language(forHomeLanguages: ["Haitian Creole", ""]))
        let vi = try XCTUnwrap(languages.language("vi"))
        let text = try document(catalogs: load.catalogs, language: vi).rendered(as: .text)
        XCTAssertTrue(text.hasPrefix("KẾ HOẠCH ĐẠI HỌC VÀ NGHỀ NGHIỆP\n"), text)
        XCTAssertTrue(text.contains("After high school: Cao đẳng 2 năm"), "untranslated sentences read in English:\n\(text)")
        XCTAssertTrue(text.contains("LỚP 9 (1 credit)"), text)
        XCTAssertFalse(languages.missing(in: vi, catalogs: load.catalogs).contains("strings.plan.title"))
        XCTAssertTrue(languages.missing(in: vi, catalogs: load.catalogs).contains("strings.plan.student"))
    }

    /// Each mistake a translator can make is named by file, line and key; a broken file for
    /// a shipped language leaves the built-in one, and for a district's own, leaves it out.
    func testABrokenLanguageFileIsNamedByFileLineAndKey() throws {
        func load(_ name: String, _ json: String) -> CatalogLoad {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? json.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            return CatalogLoader.load(configDirectory: folder.path)
        }
        let header = "{\n  \"language\": \"es\",\n  \"name\": \"Español\",\n  \"englishName\": \"Spanish\",\n"
        let dropped = load("plan-text-es.json", header + "  \"strings\": {\n    \"plan.student\": \"Estudiante: {name}, grado {grade}\"\n  }\n}\n")
        XCTAssertEqual(dropped.warnings.map(\.description),
                       ["\(folder.path)/plan-text-es.json:6: strings.plan.student: lacks {id}, {school}; the built-in catalog is used instead"])
        XCTAssertEqual(dropped.catalogs.planLanguages.language("es"), spanish)
        let typo = load("plan-text-es.json", header + "  \"strings\": {\n    \"plan.tittle\": \"Plan\"\n  }\n}\n")
        XCTAssertEqual(typo.warnings.first?.description,
                       "\(folder.path)/plan-text-es.json:6: strings.plan.tittle: is not a sentence of the plan (the English file has no \"plan.tittle\"); the built-in catalog is used instead")
        let kind = load("plan-text-es.json", header + "  \"strings\": {},\n  \"terms\": {\n    \"course\": { \"x\": \"y\" }\n  }\n}\n")
        XCTAssertTrue(kind.warnings.first?.description.contains("plan-text-es.json:7: terms.course: is not a kind of term; expected one of subject,") == true,
                      "\(kind.warnings)")
        let misnamed = load("plan-text-pt.json", header + "  \"strings\": {}\n}\n")
        XCTAssertEqual(misnamed.warnings.map(\.description),
                       ["\(folder.path)/plan-text-pt.json:2: language: says \"es\", so the file must be named plan-text-es.json; plans cannot be written in this language until it is corrected"])
        XCTAssertEqual(misnamed.catalogs.planLanguages.languages.map(\.id), ["en", "es"])
    }

    private func builtInPath(_ name: String) throws -> String {
        // Tests/InterchangeTests/ -> Resources/catalogs/
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/catalogs/\(name)").path
    }
}
