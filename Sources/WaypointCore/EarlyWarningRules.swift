import Foundation

/// The thresholds of the early-warning indicators on the ABCs (attendance, behavior,
/// course performance) and of the tiers built from them. They are data, not code, because
/// districts set them differently (some flag chronic absence at 85%, some count three
/// referrals, some five) and a counselor's tier must follow the district's own policy.
public struct EarlyWarningRules: Equatable, Sendable {
    /// Attendance rates are shares of enrolled days present, 0...1.
    public struct Attendance: Equatable, Sendable, Codable {
        /// Below this rate in a term is chronic absence (0.90: missing 10% of school).
        public var chronicBelow: Double
        /// Below this rate alone puts a student in tier 3.
        public var severeBelow: Double

        public init(chronicBelow: Double, severeBelow: Double) {
            self.chronicBelow = chronicBelow
            self.severeBelow = severeBelow
        }
    }

    public struct Behavior: Equatable, Sendable, Codable {
        /// At least this many suspensions (in or out of school) in the term.
        public var suspensions: Int
        /// Or at least this many incidents of any kind.
        public var incidents: Int
        /// At least this many suspension days in total alone puts a student in tier 3.
        public var severeSuspensionDays: Double
        /// When no attendance row gives the term's dates, incidents count over this many
        /// days up to the newest incident.
        public var windowDays: Int

        public init(suspensions: Int, incidents: Int, severeSuspensionDays: Double, windowDays: Int) {
            self.suspensions = suspensions
            self.incidents = incidents
            self.severeSuspensionDays = severeSuspensionDays
            self.windowDays = windowDays
        }
    }

    public struct Courses: Equatable, Sendable, Codable {
        /// A term GPA below this (on the 4-point scale) is a course-performance sign.
        public var gpaBelow: Double
        /// Or failing at least this many core courses.
        public var failingCoreCourses: Int
        /// Failing at least this many core courses alone puts a student in tier 3.
        public var severeFailingCoreCourses: Int

        public init(gpaBelow: Double, failingCoreCourses: Int, severeFailingCoreCourses: Int) {
            self.gpaBelow = gpaBelow
            self.failingCoreCourses = failingCoreCourses
            self.severeFailingCoreCourses = severeFailingCoreCourses
        }
    }

    public var attendance: Attendance
    public var behavior: Behavior
    public var courses: Courses
    /// Tier 3 when at least this many of the three indicators hold.
    public var tier3Indicators: Int

    public init(attendance: Attendance, behavior: Behavior, courses: Courses, tier3Indicators: Int) {
        self.attendance = attendance
        self.behavior = behavior
        self.courses = courses
        self.tier3Indicators = tier3Indicators
    }

    /// Counts start at 1: "at least 0 incidents" would put every student in the district in
    /// tier 2, which is a typing mistake, never a policy.
    public static func decode(_ source: CatalogSource) throws -> EarlyWarningRules {
        struct File: Decodable {
            var attendance: Attendance
            var behavior: Behavior
            var courses: Courses
            var tier3Indicators: Int
        }
        let check = CatalogCheck(source)
        let file = try check.decode(File.self)
        try check.range(file.attendance.chronicBelow, in: 0...1, at: "attendance.chronicBelow", what: "a rate")
        try check.range(file.attendance.severeBelow, in: 0...file.attendance.chronicBelow,
                        at: "attendance.severeBelow", what: "a rate")
        try check.atLeast(file.behavior.suspensions, 1, at: "behavior.suspensions", what: "a count")
        try check.atLeast(file.behavior.incidents, 1, at: "behavior.incidents", what: "a count")
        try check.atLeast(file.behavior.severeSuspensionDays, 0, at: "behavior.severeSuspensionDays",
                          what: "a number of days")
        try check.atLeast(file.behavior.windowDays, 1, at: "behavior.windowDays", what: "a number of days")
        try check.range(file.courses.gpaBelow, in: 0...4, at: "courses.gpaBelow", what: "a GPA")
        try check.atLeast(file.courses.failingCoreCourses, 1, at: "courses.failingCoreCourses", what: "a count")
        try check.atLeast(file.courses.severeFailingCoreCourses, file.courses.failingCoreCourses,
                          at: "courses.severeFailingCoreCourses", what: "a count")
        try check.range(file.tier3Indicators, in: 1...3, at: "tier3Indicators", what: "a number of indicators")
        return EarlyWarningRules(attendance: file.attendance, behavior: file.behavior, courses: file.courses,
                                 tier3Indicators: file.tier3Indicators)
    }
}
