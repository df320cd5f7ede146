import Crypto
import CryptoExtras
import Foundation
import Interchange
import PostgresNIO
import WaypointCore

/// Counselors at the hub: each is a row in `waypoint.counselor` and a PostgreSQL LOGIN role,
/// member of `waypoint_counselor` (and `waypoint_lead` for a lead), through which the
/// engine's row-level security decides what they may read and write.
public enum HubCounselors {
    public struct NewCounselor: Sendable {
        public var sourcedId: String
        public var givenName: String
        public var familyName: String
        public var email: String?
        public var isLead: Bool

        public init(sourcedId: String, givenName: String, familyName: String, email: String? = nil, isLead: Bool = false) {
            self.sourcedId = sourcedId
            self.givenName = givenName
            self.familyName = familyName
            self.email = email
            self.isLead = isLead
        }
    }

    /// The login role for a sourcedId: `wp_` and the id in lower case, every character other
    /// than a-z, 0-9 and _ as _, within PostgreSQL's 63-byte limit.
    public static func roleName(for sourcedId: String) -> String {
        let cleaned = sourcedId.lowercased().unicodeScalars.map { scalar -> String in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" ? String(scalar) : "_"
        }.joined()
        return String(("wp_" + cleaned).prefix(63))
    }

    /// Adds the counselor (or, for one the roster brought, gives them a login) and sets the
    /// role's password. The password reaches the hub only as a SCRAM verifier, never in clear
    /// (so no server log or statement view can show it). Run again, it sets the password anew.
    /// Returns the role name.
    @discardableResult
    public static func add(_ counselor: NewCounselor, password: String, on hub: HubConnection) async throws(HubError) -> String {
        let sourcedId = counselor.sourcedId.trimmingCharacters(in: .whitespaces)
        guard !sourcedId.isEmpty else { throw .refused("The counselor's sourced ID is empty; give --sourced-id ID.") }
        try checkFields(counselor, sourcedId: sourcedId)
        guard !counselor.givenName.trimmingCharacters(in: .whitespaces).isEmpty,
              !counselor.familyName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .refused("The counselor \(sourcedId) needs a given and a family name (--given, --family).")
        }
        guard password.count >= 8 else {
            throw .refused("The password for \(sourcedId) is shorter than 8 characters; choose a longer one.")
        }
        try await hub.requireAdministrator()
        let role = roleName(for: sourcedId)
        let verifier = scramVerifier(password)
        return try await hub.transaction { hub throws(HubError) in
            let owner = try await hub.query("SELECT sourced_id FROM waypoint.counselor WHERE role_name = \(role)")
            if let other = try? owner.first?.decode(String.self), other != sourcedId {
                throw .refused("The login \(role) already belongs to counselor \(other); give \(sourcedId) another sourced ID.")
            }
            try await checkRoleIsOurs(role, sourcedId: sourcedId, on: hub)
            try await hub.query("""
                INSERT INTO waypoint.counselor (sourced_id, given_name, family_name, email, is_lead, role_name)
                VALUES (\(sourcedId), \(counselor.givenName), \(counselor.familyName), \(counselor.email), \(counselor.isLead), \(role))
                ON CONFLICT (sourced_id) DO UPDATE SET role_name = EXCLUDED.role_name, is_lead = EXCLUDED.is_lead
                """)
            // Utility statements take no parameters: the role name is quoted by the server
            // (format %I) and the verifier holds only base64 and "$:" characters.
            try await hub.query("""
                DO $add$ BEGIN
                    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(unescaped: role)') THEN
                        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', '\(unescaped: role)', '\(unescaped: verifier)');
                    ELSE
                        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', '\(unescaped: role)', '\(unescaped: verifier)');
                    END IF;
                    EXECUTE format('GRANT waypoint_counselor TO %I', '\(unescaped: role)');
                    EXECUTE format(CASE WHEN \(unescaped: counselor.isLead ? "true" : "false")
                        THEN 'GRANT waypoint_lead TO %I' ELSE 'REVOKE waypoint_lead FROM %I' END, '\(unescaped: role)');
                END $add$
                """)
            return role
        }
    }

    /// What the command line gives must fit the fields the workstation keeps it in
    /// (`TextField`): no escape sequence in a name, no line break in an ID, no 300-character ID.
    private static func checkFields(_ counselor: NewCounselor, sourcedId: String) throws(HubError) {
        var fields: [(what: String, value: String, field: TextField)] = [
            ("sourced ID (--sourced-id)", sourcedId, .identifier),
            ("given name (--given)", counselor.givenName, .name),
            ("family name (--family)", counselor.familyName, .name),
        ]
        if let email = counselor.email { fields.append(("email (--email)", email, .identifier)) }
        for (what, value, field) in fields {
            if let problem = field.problem(value) {
                throw .refused("The counselor's \(what) \"\(RosterIssue.shown(value))\" cannot be stored: expected \(problem). "
                    + "Nothing was changed.")
            }
        }
    }

    /// Login roles belong to the whole server, not to one database: a role of this name may
    /// be a DBA's own (a superuser called wp_dba) or another hub database's counselor. Setting
    /// its password would hand it to whoever knows the counselor's; only a role this hub made
    /// for this counselor is changed, and never one with powers over the server.
    private static func checkRoleIsOurs(_ role: String, sourcedId: String, on hub: HubConnection) async throws(HubError) {
        let rows = try await hub.query("""
            SELECT r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls,
                   EXISTS (SELECT 1 FROM waypoint.counselor c WHERE c.role_name = r.rolname AND c.sourced_id = \(sourcedId))
            FROM pg_roles r WHERE r.rolname = \(role)
            """)
        guard let (powerful, ours) = try? rows.first?.decode((Bool, Bool).self) else { return }
        if !ours {
            throw .refused("A PostgreSQL role \(role) already exists on the server at \(hub.address.place) and is not this "
                + "hub's login for counselor \(sourcedId) (a role made by hand, or another hub database's counselor); "
                + "Waypoint does not take it over. Give the counselor another sourced ID, or have the server's "
                + "administrator rename or drop that role. Nothing was changed.")
        }
        if powerful {
            throw .refused("The login \(role) of counselor \(sourcedId) has been given powers over the server at "
                + "\(hub.address.place) (superuser, or creating roles or databases); Waypoint does not set its password. "
                + "Have the server's administrator remove those powers. Nothing was changed.")
        }
    }

    /// The name the hub holds for a counselor ("Maria Smith"), nil when it has none. Adding a
    /// counselor again keeps the stored names (a roster counselor's come from the roster).
    public static func name(of sourcedId: String, on hub: HubConnection) async throws(HubError) -> String? {
        let rows = try await hub.query("SELECT given_name || ' ' || family_name FROM waypoint.counselor WHERE sourced_id = \(sourcedId)")
        return try? rows.first?.decode(String.self)
    }

    /// Puts a student on a counselor's caseload (both must be at the hub).
    public static func assign(student: String, to counselor: String, on hub: HubConnection) async throws(HubError) -> Bool {
        try await hub.requireAdministrator()
        try await checkExists(student: student, counselor: counselor, on: hub)
        let rows = try await hub.query("""
            INSERT INTO waypoint.caseload (counselor_sourced_id, student_sourced_id) VALUES (\(counselor), \(student))
            ON CONFLICT DO NOTHING RETURNING 1
            """)
        return !rows.isEmpty
    }

    /// Lets a colleague see a student who is on someone else's caseload. The sharer must see
    /// the student themselves, the rule a counselor sharing on their own is held to (the
    /// hub's policy). A share that would change nothing (the colleague has the student on
    /// their caseload, or the same share exists) is refused by the table (v4), with its words.
    public static func share(student: String, with counselor: String, by sharer: String,
                             on hub: HubConnection) async throws(HubError) {
        try await hub.requireAdministrator()
        try await checkExists(student: student, counselor: counselor, on: hub)
        try await checkExists(student: student, counselor: sharer, on: hub)
        let seen = try await hub.query("""
            SELECT EXISTS (SELECT 1 FROM waypoint.caseload WHERE counselor_sourced_id = \(sharer) AND student_sourced_id = \(student))
                   OR EXISTS (SELECT 1 FROM waypoint.student_share
                              WHERE counselor_sourced_id = \(sharer) AND student_sourced_id = \(student))
            """)
        guard let sharerSees = try? seen.first?.decode(Bool.self) else { return }
        guard sharerSees else {
            throw .refused("\(sharer) cannot share \(student): \(student) is neither on \(sharer)'s caseload nor shared with "
                + "\(sharer). Give --by the counselor whose caseload \(student) is on. Nothing was changed.")
        }
        do {
            try await hub.query("""
                INSERT INTO waypoint.student_share (student_sourced_id, counselor_sourced_id, shared_by)
                VALUES (\(student), \(counselor), \(sharer))
                """)
        } catch {
            guard case .server(let message, _) = error else { throw error }
            throw .refused("Cannot share \(student) with \(counselor): \(message).")
        }
    }

    private static func checkExists(student: String, counselor: String, on hub: HubConnection) async throws(HubError) {
        let rows = try await hub.query("""
            SELECT EXISTS (SELECT 1 FROM waypoint.student WHERE sourced_id = \(student)),
                   EXISTS (SELECT 1 FROM waypoint.counselor WHERE sourced_id = \(counselor))
            """)
        guard let (hasStudent, hasCounselor) = try? rows.first?.decode((Bool, Bool).self) else { return }
        if !hasStudent { throw .refused("No student with sourced ID \"\(student)\" at the hub \(hub.address.place).") }
        if !hasCounselor { throw .refused("No counselor with sourced ID \"\(counselor)\" at the hub \(hub.address.place).") }
    }

    /// PostgreSQL's SCRAM-SHA-256 verifier (RFC 5802/7677, as `password_encryption =
    /// scram-sha-256` stores it): `SCRAM-SHA-256$4096:salt$StoredKey:ServerKey`. The password
    /// is normalized with NFKC, SASLprep's mapping for the passwords people type.
    /// 4096 rounds is what PostgreSQL itself uses (scram_iterations); the checked PBKDF2 call
    /// refuses so few, hence the unchecked one.
    static func scramVerifier(_ password: String, salt: [UInt8]? = nil, iterations: Int = 4096) -> String {
        let salt = salt ?? (0..<16).map { _ in UInt8.random(in: 0...255) }
        let normalized = Array(password.precomposedStringWithCompatibilityMapping.utf8)
        let salted = try! KDF.Insecure.PBKDF2.deriveKey(from: normalized, salt: salt, using: .sha256,
                                                         outputByteCount: 32, unsafeUncheckedRounds: iterations)
        let clientKey = Data(HMAC<SHA256>.authenticationCode(for: Data("Client Key".utf8), using: salted))
        let storedKey = Data(SHA256.hash(data: clientKey))
        let serverKey = Data(HMAC<SHA256>.authenticationCode(for: Data("Server Key".utf8), using: salted))
        return "SCRAM-SHA-256$\(iterations):\(Data(salt).base64EncodedString())$"
            + "\(storedKey.base64EncodedString()):\(serverKey.base64EncodedString())"
    }
}
