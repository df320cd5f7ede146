/// What each field of a synced record may hold (docs/SYNC.md "Local capture"), in one place:
/// the workstation's rules (`FieldRules`, `TextField`, the state enums, `CivilDate`) named
/// per table and field. The hub checks every record it stores against the same rules (its
/// `waypoint.value_rule` table, hub migration v4), so a record a counselor could write
/// through psql is one every colleague's pull can also apply. The hub's copy is written out
/// in a frozen migration; HubValueRulesTests compares it with this list and tries the hub's
/// check at the edges of each rule, so a rule changed here without a hub migration fails.
///
/// "Required" is every NOT NULL column of the workstation's table: a pull writes a missing
/// field as NULL, which the workstation's schema refuses.
public enum ValueRule: Equatable, Sendable {
    /// Text of that kind (its length and control characters); `nonBlank` as the schema's
    /// `trim(x) <> ''`.
    case text(TextField, required: Bool = true, nonBlank: Bool = false)
    /// One of these words.
    case oneOf([String], required: Bool = true)
    case number(NumberRule, required: Bool = true)
    /// A calendar date, "YYYY-MM-DD", that exists (`CivilDate(iso:)`).
    case date(required: Bool)
    /// A time as the workstation writes it, matching `pattern` (POSIX extended).
    case time(pattern: String, required: Bool)
    /// 0 or 1 (SQLite's booleans).
    case flag

    public var isRequired: Bool {
        switch self {
        case .text(_, let required, _), .oneOf(_, let required), .number(_, let required), .date(let required),
             .time(_, let required):
            required
        case .flag:
            true
        }
    }
}

public enum SyncValueRules {
    /// A timestamp column (GRDB's text for a Date: "2026-11-18 11:06:40.000"; a date alone
    /// or minutes alone read the same).
    public static let timestamp = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?)?$"
    /// An audit row's time, as the workstation's schema holds it ("2026-12-03T11:11:26.352Z").
    public static let auditTime = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}.*Z$"
    /// A note's version: the first is 1; a million amendments is not a counselor's typing.
    public static let noteVersion = NumberRule(1...1_000_000, whole: true)

    private static func words<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [String] where T.RawValue == String {
        type.allCases.map(\.rawValue)
    }

    private static let key = ValueRule.text(.identifier, nonBlank: true)
    private static let optionalKey = ValueRule.text(.identifier, required: false)
    private static let stamp = ValueRule.time(pattern: timestamp, required: true)
    private static let optionalStamp = ValueRule.time(pattern: timestamp, required: false)

    /// Table -> field (the payload's name) -> rule, for every synced table.
    public static let tables: [String: [String: ValueRule]] = [
        "advising_session": [
            "student": key, "author": key, "startedAt": stamp, "durationMinutes": .number(FieldRules.sessionMinutes),
            "kind": .text(.identifier, nonBlank: true), "participants": .text(.title), "isConfidential": .flag,
            "isArchived": .flag, "archivedAt": optionalStamp, "createdAt": stamp,
        ],
        "session_topic": ["session": key, "topic": .text(.title, nonBlank: true)],
        "session_note": [
            "session": key, "version": .number(noteVersion), "text": .text(.note), "author": key, "createdAt": stamp,
        ],
        "follow_up": [
            "student": key, "session": optionalKey, "author": key, "text": .text(.title, nonBlank: true),
            "dueDate": .date(required: false), "status": .oneOf(words(FollowUpStatus.self)), "createdAt": stamp,
            "closedAt": optionalStamp, "repeatDays": .number(Recurrence.daysRule, required: false),
            "repeatUntil": .date(required: false), "whileTier": .number(Recurrence.tierRule, required: false),
            "repeatedFrom": optionalKey,
        ],
        "plan": [
            "student": key, "pathwayId": optionalKey, "postsecondaryGoal": .oneOf(words(PostsecondaryGoal.self)),
            "careerInterests": .text(.cell), "requirementSetId": optionalKey,
        ],
        "pathway_change": [
            "student": key, "changedAt": stamp, "fromId": optionalKey, "toId": key, "reason": .text(.title), "author": key,
        ],
        "plan_course": [
            "student": key, "year": .number(FieldRules.courseYear), "title": .text(.title, nonBlank: true),
            "subject": .text(.title, nonBlank: true), "credits": .number(FieldRules.courseCredits),
            "level": .oneOf(words(CourseLevel.self)), "term": .text(.title, required: false),
            "status": .oneOf(words(CourseStatus.self)), "gradeEarned": optionalKey,
        ],
        "milestone_status": [
            "student": key, "milestoneId": key, "status": .oneOf(words(MilestoneStatus.self)), "dueDate": .date(required: false),
            "evidence": .text(.title, required: false), "completedDate": .date(required: false),
        ],
        "work_based_learning": [
            "student": key, "kind": .oneOf(words(WorkBasedLearningKind.self)), "organization": .text(.title, nonBlank: true),
            "hours": .number(FieldRules.workBasedLearningHours), "startDate": .date(required: false),
            "endDate": .date(required: false),
        ],
        "college_credit": [
            "student": key, "course": .text(.title, nonBlank: true), "institution": .text(.name, nonBlank: true),
            "credits": .number(FieldRules.collegeCredits),
        ],
        "certification": [
            "student": key, "name": .text(.title, nonBlank: true), "issuer": .text(.name),
            "status": .oneOf(words(CertificationStatus.self)), "date": .date(required: false),
        ],
        "competency_evidence": [
            "student": key, "competencyId": key, "artifact": .text(.title, nonBlank: true), "date": .date(required: true),
        ],
        "intervention": [
            "student": key, "kind": .text(.identifier, nonBlank: true), "owner": key, "goal": .text(.title, nonBlank: true),
            "startDate": .date(required: true), "endDate": .date(required: false),
            "sessionsPerWeek": .number(FieldRules.interventionSessionsPerWeek),
            "minutesPerSession": .number(FieldRules.interventionMinutesPerSession),
            "status": .oneOf(words(InterventionStatus.self)), "createdAt": stamp, "closedAt": optionalStamp,
            // Since local v21 / hub v7-intervention-measures.
            "ownerName": .text(.name, required: false, nonBlank: true), "tier": .number(FieldRules.interventionTier, required: false),
            "area": .oneOf(words(InterventionArea.self), required: false),
            "plannedWeeks": .number(FieldRules.interventionPlannedWeeks, required: false),
            "measure": .text(.title, required: false, nonBlank: true),
        ],
        "intervention_note": [
            "intervention": key, "date": .date(required: true), "text": .text(.note, nonBlank: true), "author": key,
            "createdAt": stamp,
            "sessionsDelivered": .number(FieldRules.interventionSessionsDelivered, required: false),
            "measuredValue": .number(FieldRules.interventionMeasuredValue, required: false),
        ],
        "audit_event": [
            "at": .time(pattern: auditTime, required: true), "counselor": optionalKey, "actor": .text(.name, nonBlank: true),
            "action": .oneOf(words(AuditAction.self)), "student": optionalKey, "subject": .text(.cell), "detail": .text(.cell),
        ],
    ]
}
