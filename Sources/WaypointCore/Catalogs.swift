import Foundation

/// Every catalog a district can override, loaded and validated.
public struct Catalogs: Equatable, Sendable {
    public var sessionKinds: SessionKindCatalog
    public var pathways: PathwayCatalog
    public var milestones: MilestoneCatalog
    public var competencies: CompetencyCatalog
    public var requirementSets: RequirementSetCatalog
    public var earlyWarning: EarlyWarningRules
    public var interventionKinds: InterventionKindCatalog
    /// The languages the family's printable plan is written in (`plan-text-*.json`).
    public var planLanguages: PlanLanguageCatalog
    /// The tests whose results are recorded (PSAT, SAT, ACT, AP exams, ASVAB, state tests).
    public var assessments: AssessmentCatalog
    /// courses.json, and (where Waypoint has a database) the roster's courses merged in.
    public var courses: CourseCatalog

    public init(sessionKinds: SessionKindCatalog, pathways: PathwayCatalog, milestones: MilestoneCatalog,
                competencies: CompetencyCatalog, requirementSets: RequirementSetCatalog,
                earlyWarning: EarlyWarningRules, interventionKinds: InterventionKindCatalog,
                planLanguages: PlanLanguageCatalog,
                assessments: AssessmentCatalog = AssessmentCatalog(tests: []),
                courses: CourseCatalog = CourseCatalog(courses: [])) {
        self.sessionKinds = sessionKinds
        self.pathways = pathways
        self.milestones = milestones
        self.competencies = competencies
        self.requirementSets = requirementSets
        self.earlyWarning = earlyWarning
        self.interventionKinds = interventionKinds
        self.planLanguages = planLanguages
        self.assessments = assessments
        self.courses = courses
    }

    /// The catalogs with the roster's courses merged into the course catalog (district
    /// file first; see `CourseCatalog.merged`).
    public func withRosterCourses(_ roster: [RosterCourse]) -> Catalogs {
        var catalogs = self
        catalogs.courses = courses.merged(withRoster: roster, subjectAreas: requirementSets.subjectAreas)
        return catalogs
    }
}

/// A catalog file's bytes and the name to use for it in errors.
public struct CatalogSource: Sendable {
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

/// What is wrong with a catalog file: which file, which line, which key, what was expected.
public struct CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// The line the key (or the entry missing it) starts on; nil when the file is not JSON.
    public var line: Int?
    public var key: String?
    public var problem: String

    public init(file: String, line: Int? = nil, key: String?, problem: String) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
    }

    /// "milestones.json:41: milestones[3].goals[0]: expected ...", the form editors and
    /// compilers use, so the line can be jumped to.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(key.map { "\($0): " } ?? "")\(problem)"
    }
}

/// A catalog of kinds, each an id and a title: the kinds of advising session (academic,
/// college, career, …) and of intervention (tutoring, mentoring, …). A catalog rather than
/// an enum, because districts name these their own way.
public struct KindCatalog: Equatable, Sendable {
    public struct Kind: Equatable, Sendable, Codable {
        public var id: String
        public var title: String
        /// A session kind that is a contact with the family (a phone call home, a home
        /// visit): offered first when a contact is logged without the student.
        public var family: Bool?
        /// A session kind held with several students at once (a group, a classroom lesson):
        /// offered first when a group session is started.
        public var group: Bool?

        public init(id: String, title: String, family: Bool? = nil, group: Bool? = nil) {
            self.id = id
            self.title = title
            self.family = family
            self.group = group
        }
    }

    public var kinds: [Kind]

    public init(kinds: [Kind]) {
        self.kinds = kinds
    }

    public func kind(_ id: String) -> Kind? { kinds.first { $0.id == id } }

    /// The kinds marked `"family": true`, in catalog order.
    public var familyKinds: [Kind] { kinds.filter { $0.family == true } }

    /// The kinds marked `"group": true`, in catalog order.
    public var groupKinds: [Kind] { kinds.filter { $0.group == true } }

    /// An id the catalog no longer has (a district removed it) still shows, as itself.
    public func title(of id: String) -> String { kind(id)?.title ?? id }

    /// session-kinds.json: `{"sessionKinds": [{"id", "title"}, …]}`.
    public static func sessionKinds(_ source: CatalogSource) throws -> KindCatalog {
        try decode(source, key: "sessionKinds")
    }

    /// intervention-kinds.json: `{"interventionKinds": [{"id", "title"}, …]}`.
    public static func interventionKinds(_ source: CatalogSource) throws -> KindCatalog {
        try decode(source, key: "interventionKinds")
    }

    private static func decode(_ source: CatalogSource, key: String) throws -> KindCatalog {
        // Both kind files share this shape; each names its list after what it holds.
        struct File: Decodable {
            var sessionKinds: [Kind]?
            var interventionKinds: [Kind]?
        }
        let check = CatalogCheck(source)
        let file = try check.decode(File.self)
        let listed = key == "sessionKinds" ? file.sessionKinds : file.interventionKinds
        let kinds = try check.nonEmpty(listed, at: key, of: "{\"id\", \"title\"}")
        for (index, kind) in kinds.enumerated() {
            try check.entry(id: kind.id, title: kind.title, at: "\(key)[\(index)]")
        }
        try check.unique(kinds.map(\.id), at: { "\(key)[\($0)].id" })
        return KindCatalog(kinds: kinds)
    }
}

public typealias SessionKindCatalog = KindCatalog
public typealias InterventionKindCatalog = KindCatalog
