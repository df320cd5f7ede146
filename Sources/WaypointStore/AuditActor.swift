import Foundation
import WaypointCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating-system user running Waypoint. Recorded in every audit row beside the
/// counselor, so a command run without `--as` (or by someone else at an unlocked desk
/// under their own login) is still attributable to an account.
public struct AuditActor: Equatable, Sendable, CustomStringConvertible {
    public let name: String

    /// A fixed name, for tests and tools; an empty one becomes "unknown" (the schema refuses blanks).
    public init(_ name: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        self.name = trimmed.isEmpty ? "unknown" : trimmed
    }

    public var description: String { name }

    /// This process's user: the password database's name for the effective user id (which
    /// `USER` cannot fake), else `USER` or `LOGNAME`, else the numeric id.
    public static let process: AuditActor = {
        let uid = geteuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name, !String(cString: name).isEmpty {
            return AuditActor(String(cString: name))
        }
        let environment = ProcessInfo.processInfo.environment
        if let name = environment["USER"] ?? environment["LOGNAME"], !name.isEmpty { return AuditActor(name) }
        return AuditActor("uid \(uid)")
    }()
}

/// What a store method or the executable writes to the audit trail; the time and the
/// actor are added when it is recorded.
public struct AuditEntry: Equatable, Sendable {
    public var action: AuditAction
    public var counselorId: Int64?
    public var studentId: Int64?
    public var subject: String
    public var detail: String

    public init(_ action: AuditAction, counselorId: Int64?, studentId: Int64? = nil, subject: String, detail: String = "") {
        self.action = action
        self.counselorId = counselorId
        self.studentId = studentId
        self.subject = subject
        self.detail = detail
    }
}

/// Which audit rows to list: all filters are optional and combine.
public struct AuditQuery: Equatable, Sendable {
    public var studentId: Int64?
    public var counselorId: Int64?
    /// The earliest moment to include.
    public var since: Date?
    public var limit: Int?

    public init(studentId: Int64? = nil, counselorId: Int64? = nil, since: Date? = nil, limit: Int? = nil) {
        self.studentId = studentId
        self.counselorId = counselorId
        self.since = since
        self.limit = limit
    }
}
