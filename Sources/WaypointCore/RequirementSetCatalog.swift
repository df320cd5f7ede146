import Foundation

/// The graduation requirement sets a district checks plans against, and the subject areas
/// courses are filed under. Districts and states differ (24 credits here, a foundation
/// program with endorsements there), so sets are data, and a plan may name its own set.
public struct RequirementSetCatalog: Equatable, Sendable {
    /// What a course's `subject` names: "math", "cte", …
    public struct SubjectArea: Identifiable, Equatable, Sendable, Codable {
        public var id: String
        public var title: String

        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    public var subjectAreas: [SubjectArea]
    public var sets: [RequirementSet]
    /// The set a plan is checked against when it names none.
    public var defaultId: String

    public init(subjectAreas: [SubjectArea], sets: [RequirementSet], defaultId: String) {
        self.subjectAreas = subjectAreas
        self.sets = sets
        self.defaultId = defaultId
    }

    public func requirementSet(_ id: String) -> RequirementSet? { sets.first { $0.id == id } }

    /// Validation guarantees the default exists.
    public var defaultSet: RequirementSet { requirementSet(defaultId) ?? sets[0] }

    /// The set a plan is checked against: its own when the district still has it, else
    /// the default (a plan naming a retired set still gets checked, not dropped).
    public func requirementSet(for goals: PlanGoals) -> RequirementSet {
        goals.requirementSetId.flatMap(requirementSet) ?? defaultSet
    }

    public func subjectArea(_ id: String) -> SubjectArea? { subjectAreas.first { $0.id == id } }

    public func title(ofSubject id: String) -> String { subjectArea(id)?.title ?? id }

    /// - Parameter courses: the course catalog named courses are checked against: an entry
    ///   of `namedCourses` written as a code ("MTH-1010": upper-case letters, digits,
    ///   hyphens and points, with a digit) must be the code of one of its courses, and is
    ///   kept as that course's title (what the check says is missing). Nil: not checked.
    public static func decode(_ source: CatalogSource) throws -> RequirementSetCatalog {
        try decodeWithCourses(source, courses: nil)
    }

    public static func decodeWithCourses(_ source: CatalogSource, courses: CourseCatalog?) throws -> RequirementSetCatalog {
        struct SubjectEntry: Decodable {
            var id: String
            var title: String
            var credits: Double
            var accepts: [String]?
            var namedCourses: [String]?
        }
        struct EndorsementSubjectEntry: Decodable {
            var id: String
            var credits: Double
        }
        struct EndorsementEntry: Decodable {
            var id: String
            var title: String
            var totalCredits: Double?
            var subjects: [EndorsementSubjectEntry]?
        }
        struct SetEntry: Decodable {
            var id: String
            var title: String
            var description: String?
            var totalCredits: Double
            var subjects: [SubjectEntry]?
            var endorsements: [EndorsementEntry]?
        }
        struct File: Decodable {
            var `default`: String?
            var subjectAreas: [SubjectArea]?
            var sets: [SetEntry]?
        }
        let check = CatalogCheck(source)
        let file = try check.decode(File.self)

        let areas = try check.nonEmpty(file.subjectAreas, at: "subjectAreas", of: "{\"id\", \"title\"}")
        for (index, area) in areas.enumerated() {
            try check.entry(id: area.id, title: area.title, at: "subjectAreas[\(index)]")
        }
        try check.unique(areas.map(\.id), at: { "subjectAreas[\($0)].id" })
        let known = Set(areas.map(\.id))
        func knownArea(_ id: String, at key: String) throws {
            guard known.contains(id) else {
                throw check.error(key, "expected one of the subjectAreas ids (\(areas.map(\.id).joined(separator: ", "))), found \"\(id)\"")
            }
        }

        let entries = try check.nonEmpty(file.sets, at: "sets", of: "{\"id\", \"title\", \"totalCredits\", \"subjects\"}")
        var sets: [RequirementSet] = []
        for (index, entry) in entries.enumerated() {
            let key = "sets[\(index)]"
            try check.entry(id: entry.id, title: entry.title, at: key)
            try check.positive(entry.totalCredits, at: key + ".totalCredits")
            let subjectEntries = try check.nonEmpty(entry.subjects, at: key + ".subjects",
                                                    of: "{\"id\", \"title\", \"credits\"}")
            var subjects: [SubjectRequirement] = []
            for (subjectIndex, subject) in subjectEntries.enumerated() {
                let subjectKey = "\(key).subjects[\(subjectIndex)]"
                try check.entry(id: subject.id, title: subject.title, at: subjectKey)
                try check.positive(subject.credits, at: subjectKey + ".credits")
                let accepts: [String]
                if let listed = subject.accepts {
                    accepts = try check.nonEmpty(listed, at: subjectKey + ".accepts", of: "subject area ids")
                    for (acceptIndex, area) in accepts.enumerated() {
                        try knownArea(area, at: "\(subjectKey).accepts[\(acceptIndex)]")
                    }
                } else {
                    // Without "accepts" the requirement's own id names the subject area.
                    try knownArea(subject.id, at: subjectKey + ".id")
                    accepts = [subject.id]
                }
                var named: [String] = []
                var codes: [String: String] = [:]
                for (courseIndex, course) in (subject.namedCourses ?? []).enumerated() {
                    let courseKey = "\(subjectKey).namedCourses[\(courseIndex)]"
                    try check.text(course, at: courseKey)
                    guard let courses, CourseCatalog.isCode(course), course.contains(where: \.isNumber) else {
                        named.append(course)
                        continue
                    }
                    guard let found = courses.course(code: course) else {
                        throw check.error(courseKey, "expected the code of a course in courses.json, found \"\(course)\"")
                    }
                    named.append(found.title)
                    codes[found.title] = found.code
                }
                try check.unique(named, folded: true, at: { "\(subjectKey).namedCourses[\($0)]" })
                subjects.append(SubjectRequirement(id: subject.id, title: subject.title, credits: subject.credits,
                                                   accepts: accepts, namedCourses: named, namedCodes: codes))
            }
            try check.unique(subjects.map(\.id), at: { "\(key).subjects[\($0)].id" })
            let named = subjects.reduce(0) { $0 + $1.credits }
            guard entry.totalCredits >= named else {
                throw check.error(key + ".totalCredits", "expected at least the \(CreditFormat.text(named)) credits the subjects require, found \(CreditFormat.text(entry.totalCredits))")
            }

            var endorsements: [Endorsement] = []
            for (endorsementIndex, endorsement) in (entry.endorsements ?? []).enumerated() {
                let endorsementKey = "\(key).endorsements[\(endorsementIndex)]"
                try check.entry(id: endorsement.id, title: endorsement.title, at: endorsementKey)
                if let total = endorsement.totalCredits {
                    try check.positive(total, at: endorsementKey + ".totalCredits")
                }
                let parts = try check.nonEmpty(endorsement.subjects, at: endorsementKey + ".subjects",
                                               of: "{\"id\", \"credits\"}")
                for (partIndex, part) in parts.enumerated() {
                    try knownArea(part.id, at: "\(endorsementKey).subjects[\(partIndex)].id")
                    try check.positive(part.credits, at: "\(endorsementKey).subjects[\(partIndex)].credits")
                }
                try check.unique(parts.map(\.id), at: { "\(endorsementKey).subjects[\($0)].id" })
                endorsements.append(Endorsement(
                    id: endorsement.id, title: endorsement.title, totalCredits: endorsement.totalCredits,
                    subjects: parts.map { part in
                        Endorsement.Subject(id: part.id, title: areas.first { $0.id == part.id }!.title, credits: part.credits)
                    }))
            }
            try check.unique(endorsements.map(\.id), at: { "\(key).endorsements[\($0)].id" })
            sets.append(RequirementSet(id: entry.id, title: entry.title, description: entry.description,
                                       totalCredits: entry.totalCredits, subjects: subjects, endorsements: endorsements))
        }
        try check.unique(sets.map(\.id), at: { "sets[\($0)].id" })

        guard let defaultId = file.default else { throw check.error("default", "is missing") }
        guard sets.contains(where: { $0.id == defaultId }) else {
            throw check.error("default", "expected the id of one of the sets (\(sets.map(\.id).joined(separator: ", "))), found \"\(defaultId)\"")
        }
        return RequirementSetCatalog(subjectAreas: areas, sets: sets, defaultId: defaultId)
    }
}

/// One graduation requirement set: credits per subject requirement, courses required by
/// title, and the total. Electives are whatever the total asks beyond the subjects.
public struct RequirementSet: Identifiable, Equatable, Sendable {
    public var id: String
    public var title: String
    public var description: String?
    public var totalCredits: Double
    public var subjects: [SubjectRequirement]
    public var endorsements: [Endorsement]

    public init(id: String, title: String, description: String? = nil, totalCredits: Double,
                subjects: [SubjectRequirement], endorsements: [Endorsement] = []) {
        self.id = id
        self.title = title
        self.description = description
        self.totalCredits = totalCredits
        self.subjects = subjects
        self.endorsements = endorsements
    }

    /// Credits no subject requirement claims: any course can fill them.
    public var electiveCredits: Double {
        max(0, totalCredits - subjects.reduce(0) { $0 + $1.credits })
    }
}

/// Credits required in one subject requirement. A requirement may accept several subject
/// areas ("World Language or CTE"), and may name courses that must be among them.
public struct SubjectRequirement: Identifiable, Equatable, Sendable {
    public var id: String
    public var title: String
    public var credits: Double
    /// The subject area ids whose courses count toward this requirement.
    public var accepts: [String]
    /// Course titles required by name ("Algebra I"), matched as imported marks are.
    public var namedCourses: [String]
    /// The catalog code of each named course the file named by code, by title: a plan
    /// course titled by the code counts too.
    public var namedCodes: [String: String]

    public init(id: String, title: String, credits: Double, accepts: [String]? = nil, namedCourses: [String] = [],
                namedCodes: [String: String] = [:]) {
        self.id = id
        self.title = title
        self.credits = credits
        self.accepts = accepts ?? [id]
        self.namedCourses = namedCourses
        self.namedCodes = namedCodes
    }
}

/// A distinction on top of a set (Texas's STEM endorsement, say): more credits in some
/// subject areas and, optionally, a higher total.
public struct Endorsement: Identifiable, Equatable, Sendable {
    public struct Subject: Equatable, Sendable {
        /// A subject area id.
        public var id: String
        public var title: String
        public var credits: Double

        public init(id: String, title: String, credits: Double) {
            self.id = id
            self.title = title
            self.credits = credits
        }
    }

    public var id: String
    public var title: String
    public var totalCredits: Double?
    public var subjects: [Subject]

    public init(id: String, title: String, totalCredits: Double? = nil, subjects: [Subject]) {
        self.id = id
        self.title = title
        self.totalCredits = totalCredits
        self.subjects = subjects
    }
}
