import Foundation
import WaypointCore
import WaypointStore
import WaypointVault

/// What `SyncSealer.prepare` found.
public enum SealingReadiness: Equatable, Sendable {
    /// The sealing key is on this workstation: confidential sessions sync sealed.
    case ready
    /// No passphrase: confidential sessions stay on this workstation, never pushed, until
    /// the counselor sets one and joins (or unlocks) again.
    case noPassphrase
}

public enum SyncSealerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The passphrase does not open the sealing key kept at the hub.
    case wrongPassphrase
    /// The wrapped key kept at the hub cannot be read.
    case damagedKey(String)

    public var description: String {
        switch self {
        case .wrongPassphrase:
            "That passphrase does not open your key for confidential notes kept at the hub. Use the passphrase you "
                + "had when you first synced on any workstation; nothing was changed here."
        case .damagedKey(let detail):
            "Your key for confidential notes kept at the hub cannot be read (\(detail)); nothing was changed here. "
                + "Ask district IT to check the hub."
        }
    }
}

/// The counselor's sealing key (docs/SYNC.md, "Confidential notes"): made once per counselor,
/// kept at the hub wrapped with their passphrase, unwrapped on each workstation they join
/// and kept there. `waypoint sync join` (and the unlock that follows a passphrase change)
/// calls `prepare`; the passphrase's key derivation runs there, once, never per record.
public enum SyncSealer {
    @discardableResult
    public static func prepare(database: AppDatabase, hub: any HubLink, passphrase: String?,
                               cost: ScryptCost = .standard) async throws -> SealingReadiness {
        if try database.sealingKey() == nil {
            guard let passphrase else { return .noPassphrase }
            let key: SealingKey
            if let kept = try await hub.wrappedSealingKey() {
                key = try unwrap(kept, passphrase: passphrase)
            } else {
                let made = SealingKey.generate()
                let wrapped = try made.wrapped(passphrase: passphrase, cost: cost)
                // Two workstations joining at once: the hub keeps the first, and both use it.
                let kept = try await hub.storeWrappedSealingKey(wrapped)
                key = kept == wrapped ? made : try unwrap(kept, passphrase: passphrase)
            }
            try database.keepSealingKey(key.bytes)
        }
        if let sealer = try Sealer(database: database) { try database.releaseHeld(open: sealer.open) }
        return .ready
    }

    private static func unwrap(_ wrapped: Data, passphrase: String) throws -> SealingKey {
        do {
            return try SealingKey.unwrap(wrapped, passphrase: passphrase)
        } catch VaultError.wrongPassphrase {
            throw SyncSealerError.wrongPassphrase
        } catch let error as VaultError {
            throw SyncSealerError.damagedKey(error.description)
        }
    }
}

/// Seals a confidential session's records as they leave and opens them as they arrive.
/// A sealed payload holds only `SyncSealing.clearFields` in clear; the record (and a
/// session's topics) are inside `sealed`, bound to the record's table and key.
struct Sealer: Sendable {
    let key: SealingKey

    /// nil when this workstation has no sealing key.
    init?(database: AppDatabase) throws {
        guard let bytes = try database.sealingKey() else { return nil }
        key = try SealingKey(bytes: bytes)
    }

    private struct Content: Codable {
        var payload: String
        var topics: [String]?
    }

    /// The fields of a sealed payload: the clear ones the hub needs to decide who may see it.
    private struct Sealed: Codable {
        var student: String?
        var author: String?
        var session: String?
        var version: Int64?
        var isConfidential = 1
        var sealed: String
    }

    private struct Clear: Decodable {
        var student: String?
        var author: String?
        var session: String?
        var version: Int64?
    }

    private static func context(_ table: String, _ uid: String) -> String { "\(table)/\(uid)" }

    func seal(_ change: PendingChange, topics: [String]?) throws -> String {
        let clear = try JSONDecoder().decode(Clear.self, from: Data(change.payload.utf8))
        let content = try JSONEncoder().encode(Content(payload: change.payload, topics: topics))
        let box = try key.seal(content, context: Self.context(change.tableName, change.uid))
        let sealed = Sealed(student: clear.student, author: clear.author, session: clear.session, version: clear.version,
                            sealed: box.base64EncodedString())
        return String(decoding: try JSONEncoder().encode(sealed), as: UTF8.self)
    }

    /// The record inside a sealed change, or nil when this key does not open it.
    var open: SyncOpener {
        { change in
            guard let payload = change.payload,
                  let sealed = try? JSONDecoder().decode(Sealed.self, from: Data(payload.utf8)),
                  let box = Data(base64Encoded: sealed.sealed),
                  let content = try? key.open(box, context: Self.context(change.table, change.uid)),
                  let opened = try? JSONDecoder().decode(Content.self, from: content)
            else { return nil }
            return SyncOpened(payload: opened.payload, topics: opened.topics)
        }
    }
}
