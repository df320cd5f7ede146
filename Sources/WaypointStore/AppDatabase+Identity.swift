import Foundation
import GRDB
import WaypointCore

/// Who may be taken at their word, and who may give someone else a first passphrase.
///
/// A counselor with no passphrase proves nothing by being named, so naming them could take
/// over their caseload or, by setting "their" first passphrase, lock them out. Only two
/// people are taken at their word: the only counselor of a database, and the counselor
/// chosen first on it (the first start, or the first `passphrase set`, while nobody had
/// been chosen). Everyone else gets a first passphrase from a district admin, who proves
/// themselves with their own. Every step is an audit row.
extension AppDatabase {
    /// The counselor chosen first on this database, if anyone has been.
    public func firstChosenCounselor() throws -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT counselorId FROM identity_choice") }
    }

    /// Whether `counselorId` may be chosen without a passphrase: they are the only counselor,
    /// or the one chosen first, or nobody has been chosen on this database yet.
    public func mayChooseWithoutPassphrase(_ counselorId: Int64) throws -> Bool {
        try read { db in try mayChooseWithoutPassphrase(db, counselorId) }
    }

    private func mayChooseWithoutPassphrase(_ db: Database, _ counselorId: Int64) throws -> Bool {
        let counselors = try Int.fetchOne(db, sql: "SELECT count(*) FROM counselor") ?? 0
        if counselors == 1, try Counselor.exists(db, key: counselorId) { return true }
        guard let first = try Int64.fetchOne(db, sql: "SELECT counselorId FROM identity_choice") else { return true }
        return first == counselorId
    }

    /// Records that `counselorId` was chosen at a start on this database; only the first
    /// choice is kept (and audited): later ones change nothing.
    public func recordChoice(of counselorId: Int64, now: Date = Date()) throws {
        try write { db in try recordChoice(db, of: counselorId, now: now) }
    }

    private func recordChoice(_ db: Database, of counselorId: Int64, now: Date) throws {
        guard try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM identity_choice)")! else { return }
        try db.execute(sql: "INSERT INTO identity_choice (id, counselorId, chosenAt) VALUES (1, ?, ?)",
                       arguments: [counselorId, now])
        try recordAudit(db, AuditEntry(.chosenAtFirstStart, counselorId: counselorId, subject: "counselor \(counselorId)",
                                       detail: "the first counselor chosen on this database, taken at their word"), now: now)
    }

    public func isDistrictAdmin(_ counselorId: Int64) throws -> Bool {
        try read { db in try isDistrictAdmin(db, counselorId) }
    }

    private func isDistrictAdmin(_ db: Database, _ counselorId: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM district_admin WHERE counselorId = ?)",
                          arguments: [counselorId]) ?? false
    }

    /// Makes `counselorId` a district admin, on the word of `actingId`, whose passphrase the
    /// caller has checked. The first admin of a database makes themselves one and must be
    /// the counselor who may be taken at their word (the only or first-chosen one); later
    /// admins are made by an admin. Either way the new admin must have a passphrase, or the
    /// admin step would prove nothing.
    public func makeDistrictAdmin(_ counselorId: Int64, by actingId: Int64, now: Date = Date()) throws {
        try write { db in
            guard try Counselor.exists(db, key: counselorId) else { throw StoreError.counselorNotFound(id: counselorId) }
            if try isDistrictAdmin(db, counselorId) { return }
            let anyAdmin = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM district_admin)") ?? false
            if anyAdmin {
                guard try isDistrictAdmin(db, actingId) else {
                    throw StoreError.identityRefused("counselor \(actingId) is not a district admin, and only an admin "
                        + "makes another one; nothing was changed")
                }
            } else {
                // Not "nobody chosen yet": the first admin must already be the proven one.
                let onlyCounselor = (try Int.fetchOne(db, sql: "SELECT count(*) FROM counselor") ?? 0) == 1
                let first = try Int64.fetchOne(db, sql: "SELECT counselorId FROM identity_choice")
                guard actingId == counselorId, onlyCounselor || first == counselorId else {
                    throw StoreError.identityRefused("this database has no district admin yet; the first one is the "
                        + "counselor chosen first on it (or its only counselor), making themselves one with "
                        + "`waypoint admin add ID --as ID`; nothing was changed")
                }
            }
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM counselor_passphrase WHERE counselorId = ?)",
                                    arguments: [counselorId]) == true else {
                throw StoreError.identityRefused("counselor \(counselorId) has no passphrase; a district admin must have "
                    + "one, so set it first; nothing was changed")
            }
            try db.execute(sql: "INSERT INTO district_admin (counselorId, since, madeBy) VALUES (?, ?, ?)",
                           arguments: [counselorId, now, anyAdmin ? actingId : nil])
            try recordAudit(db, AuditEntry(.madeAdmin, counselorId: actingId, subject: "counselor \(counselorId)",
                                           detail: anyAdmin ? "by district admin \(actingId)" : "the first district admin"),
                            now: now)
        }
    }

    /// Stores a counselor's first passphrase. Without `issuedBy`, the counselor sets it
    /// themselves and must be one who may be taken at their word (recorded as the first
    /// choice if nobody was chosen yet); with it, a district admin whose passphrase the
    /// caller has checked issues it. A counselor who has one changes it with their current
    /// passphrase (`setPassphraseHash`), never here.
    public func setFirstPassphrase(_ encodedHash: String, for counselorId: Int64, issuedBy adminId: Int64? = nil,
                                   now: Date = Date()) throws {
        guard !encodedHash.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.missingField(record: "passphrase", field: "hash")
        }
        try write { db in
            guard try Counselor.exists(db, key: counselorId) else { throw StoreError.counselorNotFound(id: counselorId) }
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM counselor_passphrase WHERE counselorId = ?)",
                                    arguments: [counselorId]) == false else {
                throw StoreError.identityRefused("counselor \(counselorId) already has a passphrase; only they can change "
                    + "it, with the current one; nothing was changed")
            }
            if let adminId {
                guard try isDistrictAdmin(db, adminId) else {
                    throw StoreError.identityRefused("counselor \(adminId) is not a district admin; nothing was changed")
                }
            } else {
                guard try mayChooseWithoutPassphrase(db, counselorId) else {
                    throw StoreError.identityRefused("counselor \(counselorId) has no passphrase yet, and Waypoint cannot "
                        + "tell it is them at this keyboard: a district admin issues a first passphrase "
                        + "(`waypoint passphrase set --as \(counselorId) --admin ADMIN`); nothing was changed")
                }
                try recordChoice(db, of: counselorId, now: now)
            }
            try db.execute(sql: "INSERT INTO counselor_passphrase (counselorId, hash, setAt) VALUES (?, ?, ?)",
                           arguments: [counselorId, encodedHash, now])
            try recordAudit(db, adminId.map {
                AuditEntry(.issuedPassphrase, counselorId: $0, subject: "passphrase of counselor \(counselorId)",
                           detail: "issued by district admin \($0)")
            } ?? AuditEntry(.setPassphrase, counselorId: counselorId, subject: "passphrase of counselor \(counselorId)"), now: now)
        }
    }
}
