import Foundation

/// One entry of a student's college list (issue 16, item 4): where they apply, how, by
/// when, and how it turned out. The deadline of an application still being prepared
/// (considering, applying) is on the to-do list; the outcomes are reported by group.
public struct CollegeApplication: Identifiable, Equatable, Sendable {
    public var id: Int64?
    public var studentId: Int64
    public var institution: String
    public var type: CollegeApplicationType
    /// Nil for a rolling application with no date to meet.
    public var deadline: CivilDate?
    public var status: CollegeApplicationStatus
    public var transcript: CollegeDocumentStatus
    public var recommendation: CollegeDocumentStatus
    /// The financial-aid award noted from the offer, in whole dollars a year; nil: none noted.
    public var aidAward: Int?

    public init(id: Int64? = nil, studentId: Int64, institution: String, type: CollegeApplicationType = .regular,
                deadline: CivilDate? = nil, status: CollegeApplicationStatus = .considering,
                transcript: CollegeDocumentStatus = .notRequested, recommendation: CollegeDocumentStatus = .notRequested,
                aidAward: Int? = nil) {
        self.id = id
        self.studentId = studentId
        self.institution = institution
        self.type = type
        self.deadline = deadline
        self.status = status
        self.transcript = transcript
        self.recommendation = recommendation
        self.aidAward = aidAward
    }

    /// Still being prepared, so its deadline is something to do.
    public var isOpen: Bool { status.isOpen }

    /// Its deadline has passed while it is still being prepared.
    public func isOverdue(today: CivilDate) -> Bool {
        guard isOpen, let deadline else { return false }
        return deadline < today
    }

    /// "Deadline: State University (EA)": how the to-do list names it (the name first: at
    /// 80 columns the list's column holds about twenty characters).
    public var todoText: String { "Deadline: \(institution) (\(type.short))" }

    /// "$12,500": an aid award as the screen and the command line show it.
    public static func dollars(_ amount: Int) -> String {
        var digits = String(amount), grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return "$" + digits + grouped
    }
}

public enum CollegeApplicationType: String, CaseIterable, Codable, Sendable {
    case earlyDecision = "early-decision", earlyAction = "early-action", regular, rolling

    public var title: String {
        switch self {
        case .earlyDecision: "Early decision"
        case .earlyAction: "Early action"
        case .regular: "Regular"
        case .rolling: "Rolling"
        }
    }

    /// "ED", "EA", "RD", "Roll": the profile's narrow column.
    public var short: String {
        switch self {
        case .earlyDecision: "ED"
        case .earlyAction: "EA"
        case .regular: "RD"
        case .rolling: "Roll"
        }
    }
}

public enum CollegeApplicationStatus: String, CaseIterable, Codable, Sendable {
    case considering, applying, submitted, admitted, waitlisted, denied, enrolled

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Considering or applying: not sent yet.
    public var isOpen: Bool { self == .considering || self == .applying }

    /// Sent to the institution (whatever came of it).
    public var isSubmitted: Bool { !isOpen }

    /// Admitted, whether or not the student enrolled there.
    public var isAdmitted: Bool { self == .admitted || self == .enrolled }

    /// The status the profile's `s` steps to: the order an application goes through, then
    /// back to the start (a mistaken step is undone by stepping round).
    public var next: CollegeApplicationStatus {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// Where a transcript or a letter of recommendation stands.
public enum CollegeDocumentStatus: String, CaseIterable, Codable, Sendable {
    case notRequested = "not-requested", requested, sent

    public var title: String {
        switch self {
        case .notRequested: "Not requested"
        case .requested: "Requested"
        case .sent: "Sent"
        }
    }

    /// "-", "req", "sent": the profile's narrow columns.
    public var short: String {
        switch self {
        case .notRequested: "-"
        case .requested: "req"
        case .sent: "sent"
        }
    }

    public var next: CollegeDocumentStatus {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// The fields of an application a counselor types, and the one rule for each: the form,
/// the command line and the store all check with `problem`.
public enum CollegeField: String, CaseIterable, Comparable, Sendable {
    case institution, type, deadline, status, transcript, recommendation, aidAward = "aid"

    public static func < (lhs: CollegeField, rhs: CollegeField) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var title: String {
        switch self {
        case .institution: "Institution"
        case .type: "Application type"
        case .deadline: "Deadline"
        case .status: "Status"
        case .transcript: "Transcript"
        case .recommendation: "Recommendation"
        case .aidAward: "Aid award"
        }
    }
}

public enum CollegeRules {
    public static let maximumInstitutionLength = 120
    public static let maximumAid = 999_999

    /// What an institution name must be, or nil when it is one.
    public static func institutionProblem(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "the institution's name (it is empty)" }
        if trimmed.count > maximumInstitutionLength { return "a name of at most \(maximumInstitutionLength) characters" }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "a name without control characters"
        }
        return nil
    }

    /// "12500", "$12,500" or "" (none noted) as whole dollars; a sentence when it is not one.
    public static func aid(_ text: String) -> Result<Int?, CollegeFieldProblem> {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        guard !cleaned.isEmpty else { return .success(nil) }
        let digits = cleaned.hasPrefix("$") ? String(cleaned.dropFirst()) : cleaned
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), digits.count <= 7,
              let amount = Int(digits), amount <= maximumAid else {
            return .failure(CollegeFieldProblem(field: .aidAward,
                                                expected: "whole dollars a year from 0 to 999,999 (e.g. 12500), or empty for none"))
        }
        return .success(amount)
    }

    /// A value of one of the named choices, by its raw value or its title ("early action",
    /// "EA", "early-action"), or a sentence listing them.
    public static func choice<T: RawRepresentable & CaseIterable>(_ text: String, _ field: CollegeField, titles: (T) -> [String])
        -> Result<T, CollegeFieldProblem> where T.RawValue == String {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "-")
        if let value = T.allCases.first(where: { value in
            ([value.rawValue] + titles(value)).contains { $0.lowercased().replacingOccurrences(of: " ", with: "-") == word }
        }) {
            return .success(value)
        }
        return .failure(CollegeFieldProblem(field: field,
                                            expected: "one of " + T.allCases.map(\.rawValue).joined(separator: ", ")))
    }

    public static func type(_ text: String) -> Result<CollegeApplicationType, CollegeFieldProblem> {
        choice(text, .type) { [$0.title, $0.short] }
    }

    public static func status(_ text: String) -> Result<CollegeApplicationStatus, CollegeFieldProblem> {
        choice(text, .status) { [$0.title] }
    }

    public static func document(_ text: String, _ field: CollegeField) -> Result<CollegeDocumentStatus, CollegeFieldProblem> {
        choice(text, field) { [$0.title, $0 == .notRequested ? "no" : $0.rawValue] }
    }

    /// What is wrong with an application as a whole, before it is written, or nil.
    public static func problem(_ application: CollegeApplication) -> CollegeFieldProblem? {
        if let expected = institutionProblem(application.institution) {
            return CollegeFieldProblem(field: .institution, expected: expected)
        }
        if let aid = application.aidAward, !(0...maximumAid).contains(aid) {
            return CollegeFieldProblem(field: .aidAward, expected: "whole dollars a year from 0 to 999,999")
        }
        if let deadline = application.deadline, !(1900...2999).contains(deadline.year) {
            return CollegeFieldProblem(field: .deadline, expected: "a date between 1900 and 2999")
        }
        return nil
    }
}

/// A field that does not hold what it must, in words: "Aid award: expected whole dollars…".
public struct CollegeFieldProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: CollegeField
    public var expected: String

    public init(field: CollegeField, expected: String) {
        self.field = field
        self.expected = expected
    }

    public var description: String { "\(field.title): expected \(expected)." }
}

/// One change to an application: what the form, a key on the profile or `waypoint college
/// update` asks for. Applied to the stored application, so a key that steps the status
/// changes only the status.
public enum CollegeChange: Equatable, Sendable {
    case institution(String)
    case type(CollegeApplicationType)
    case deadline(CivilDate?)
    case status(CollegeApplicationStatus)
    case transcript(CollegeDocumentStatus)
    case recommendation(CollegeDocumentStatus)
    case aidAward(Int?)

    public func apply(to application: inout CollegeApplication) {
        switch self {
        case .institution(let value): application.institution = value.trimmingCharacters(in: .whitespaces)
        case .type(let value): application.type = value
        case .deadline(let value): application.deadline = value
        case .status(let value): application.status = value
        case .transcript(let value): application.transcript = value
        case .recommendation(let value): application.recommendation = value
        case .aidAward(let value): application.aidAward = value
        }
    }
}
