import Foundation

/// The words of the family's printable plan in one language: a catalog file per language
/// (`plan-text-es.json`), so a district adds Vietnamese or Arabic by dropping a file into
/// its catalogs folder, without code.
///
/// `strings` are the document's own sentences, keyed as in the English file, with named
/// placeholders (`{name}`). `terms` translate what comes from data and catalogs (subject
/// areas, milestones, pathways, statuses…), by kind and id; English needs none, since the
/// catalogs' own titles are English. Anything a language lacks falls back to English and
/// is listed by `PlanLanguageCatalog.missing(in:catalogs:)`.
public struct PlanLanguage: Equatable, Sendable, Identifiable {
    /// What `terms` may translate, by the id each kind is known by.
    public enum TermKind: String, CaseIterable, Sendable {
        case subject, requirementSet, goal, courseStatus, level, milestone, milestoneStatus, milestoneKept,
             pathway, workKind, competency
    }

    /// "es": the code a counselor or a command names it by.
    public var id: String
    /// "Español": the language's name in itself, as the family reads it.
    public var name: String
    /// "Spanish": as a counselor reads it in lists.
    public var englishName: String
    /// How a family contact's home language may be written ("Spanish", "Español", "es"),
    /// compared as search compares (case and accents aside).
    public var homeLanguageNames: [String]
    public var strings: [String: String]
    public var terms: [TermKind: [String: String]]
    /// The file it came from, for the translation check.
    public var file: String

    public init(id: String, name: String, englishName: String, homeLanguageNames: [String],
                strings: [String: String], terms: [TermKind: [String: String]] = [:], file: String) {
        self.id = id
        self.name = name
        self.englishName = englishName
        self.homeLanguageNames = homeLanguageNames
        self.strings = strings
        self.terms = terms
        self.file = file
    }

    /// "{name} (ID {id})" -> ["name", "id"].
    static func placeholders(_ text: String) -> Set<String> {
        var found = Set<String>()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    /// Decodes a language file. Every language but English is checked against the English
    /// file: no key English lacks (a typo would silently never show), and the same
    /// placeholders (a translation that drops `{name}` would drop the student's name).
    public static func decode(_ source: CatalogSource, english: PlanLanguage?) throws -> PlanLanguage {
        struct File: Decodable {
            var language: String
            var name: String
            var englishName: String
            var homeLanguageNames: [String]?
            var strings: [String: String]
            var terms: [String: [String: String]]?
        }
        let check = CatalogCheck(source)
        let file = try check.decode(File.self)
        try check.id(file.language, at: "language")
        try check.text(file.name, at: "name")
        try check.text(file.englishName, at: "englishName")
        let expected = PlanLanguage.fileName(of: file.language)
        let actual = URL(fileURLWithPath: source.name.replacingOccurrences(of: " (built in)", with: "")).lastPathComponent
        guard actual == expected else {
            throw check.error("language", "says \"\(file.language)\", so the file must be named \(expected)")
        }
        for (key, text) in file.strings.sorted(by: { $0.key < $1.key }) {
            try check.text(text, at: "strings.\(key)")
            guard let english else { continue }
            guard let original = english.strings[key] else {
                throw check.error("strings.\(key)", "is not a sentence of the plan (the English file has no \"\(key)\")")
            }
            let want = placeholders(original), have = placeholders(text)
            guard want == have else {
                let lacking = want.subtracting(have).sorted().map { "{\($0)}" }
                let extra = have.subtracting(want).sorted().map { "{\($0)}" }
                throw check.error("strings.\(key)", (lacking.isEmpty ? "" : "lacks \(lacking.joined(separator: ", "))")
                    + (lacking.isEmpty || extra.isEmpty ? "" : " and ")
                    + (extra.isEmpty ? "" : "has \(extra.joined(separator: ", ")), which the English does not"))
            }
        }
        var terms: [TermKind: [String: String]] = [:]
        for (kind, entries) in (file.terms ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let termKind = TermKind(rawValue: kind) else {
                throw check.error("terms.\(kind)", "is not a kind of term; expected one of "
                                  + TermKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            for (id, text) in entries.sorted(by: { $0.key < $1.key }) { try check.text(text, at: "terms.\(kind).\(id)") }
            terms[termKind] = entries
        }
        return PlanLanguage(id: file.language, name: file.name, englishName: file.englishName,
                            homeLanguageNames: file.homeLanguageNames ?? [], strings: file.strings, terms: terms,
                            file: source.name)
    }

    /// `plan-text-es.json`: one rule for the loader, the check and the error above.
    public static func fileName(of id: String) -> String { "plan-text-\(id).json" }

    /// The language code a file name claims, or nil for any other file.
    public static func id(ofFileName name: String) -> String? {
        guard name.hasPrefix("plan-text-"), name.hasSuffix(".json") else { return nil }
        let id = String(name.dropFirst("plan-text-".count).dropLast(".json".count))
        return id.isEmpty ? nil : id
    }
}

/// The languages the family's plan can be written in: English first (always there), then
/// the others by English name.
public struct PlanLanguageCatalog: Equatable, Sendable {
    public private(set) var languages: [PlanLanguage]

    public init(english: PlanLanguage, others: [PlanLanguage]) {
        languages = [english] + others.filter { $0.id != english.id }.sorted { $0.englishName < $1.englishName }
    }

    public var english: PlanLanguage { languages[0] }

    public func language(_ id: String) -> PlanLanguage? { languages.first { $0.id == id } }

    /// The language a family contact's home language names, if a file speaks it: "Spanish",
    /// "español" and "es" all find `plan-text-es.json`.
    public func language(forHomeLanguage home: String) -> PlanLanguage? {
        let folded = SearchText.fold(home.trimmingCharacters(in: .whitespaces))
        guard !folded.isEmpty else { return nil }
        return languages.first { language in
            ([language.id, language.name, language.englishName] + language.homeLanguageNames)
                .contains { SearchText.fold($0) == folded }
        }
    }

    /// The first of a student's families' home languages that a file speaks.
    public func language(forHomeLanguages homes: [String]) -> PlanLanguage? {
        homes.lazy.compactMap(language(forHomeLanguage:)).first
    }

    /// What `language` lacks that the plan may need, each as the key a translator adds:
    /// "strings.plan.title", "terms.milestone.fafsa". The terms asked for are those of the
    /// catalogs in use, so a district's own milestone shows here until it is translated.
    /// Nothing for English, whose terms are the catalogs' own titles.
    public func missing(in language: PlanLanguage, catalogs: Catalogs) -> [String] {
        guard language.id != english.id else { return [] }
        var missing = english.strings.keys.filter { language.strings[$0] == nil }.sorted().map { "strings.\($0)" }
        for kind in PlanLanguage.TermKind.allCases {
            let known = language.terms[kind] ?? [:]
            missing += PlanWords.termIds(kind, catalogs: catalogs).filter { known[$0] == nil }.map { "terms.\(kind.rawValue).\($0)" }
        }
        return missing
    }
}

/// One language's words with English beneath them: what the plan document is written in.
public struct PlanWords: Equatable, Sendable {
    public let language: PlanLanguage
    let english: PlanLanguage

    public init(_ language: PlanLanguage, english: PlanLanguage) {
        self.language = language
        self.english = english
    }

    /// English alone, as the plan has always been written.
    public init(english: PlanLanguage) {
        self.init(english, english: english)
    }

    /// The sentence `key`, its placeholders filled. A key no file has is a programming
    /// mistake the tests catch; it shows as the key rather than stopping a print.
    public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        var text = language.strings[key] ?? english.strings[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// A title from data: the language's term when it has one, else the catalog's English.
    public func term(_ kind: PlanLanguage.TermKind, _ id: String, english title: String) -> String {
        language.terms[kind]?[id] ?? title
    }

    /// "a", "a and b", "a, b and c", with the language's own "and".
    public func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return self("list.and", ["first": items.dropLast().joined(separator: ", "), "last": items.last!])
    }

    /// The ids of each kind the catalogs in use can put on a plan.
    static func termIds(_ kind: PlanLanguage.TermKind, catalogs: Catalogs) -> [String] {
        switch kind {
        case .subject:
            let sets = catalogs.requirementSets
            return Array(Set(sets.subjectAreas.map(\.id) + sets.sets.flatMap { $0.subjects.map(\.id) })).sorted()
        case .requirementSet: return catalogs.requirementSets.sets.map(\.id)
        case .goal: return PostsecondaryGoal.allCases.map(\.rawValue)
        case .courseStatus: return CourseStatus.allCases.map(\.rawValue)
        case .level: return CourseLevel.allCases.map(\.rawValue)
        case .milestone: return catalogs.milestones.milestones.map(\.id)
        case .milestoneStatus: return MilestoneStatus.allCases.map(\.rawValue)
        case .milestoneKept: return MilestoneProgress.Kept.allCases.map(\.id)
        case .pathway: return catalogs.pathways.pathways.map(\.id)
        case .workKind: return WorkBasedLearningKind.allCases.map(\.rawValue)
        case .competency: return catalogs.competencies.competencies.map(\.id)
        }
    }
}
