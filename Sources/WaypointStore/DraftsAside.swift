import Foundation

/// Drafts the database could not take because another program held its write lock (an
/// import): each is kept at once in a private file beside the database, so a kill -9 or a
/// power cut while the lock is held loses nothing, and removed once the database has it.
///
/// The folder is `<database>.unsaved-drafts` (0700), so it belongs to that database; a file
/// is `counselor-<id>.student-<id>.<new|session-<id>>.json` (0600), so it belongs to that
/// counselor, and is written whole or not at all (temporary name, fsync, rename). A file
/// that cannot be read is renamed `…damaged`; a draft older than the one the database has
/// since received is renamed `…older`: both stay for a person to look at (`waypoint doctor`).
public struct DraftsAside: Sendable {
    public let folder: String

    public init(databasePath: String) { folder = databasePath + ".unsaved-drafts" }

    /// Which draft: the same key as the database's `session_draft` row.
    public struct Key: Hashable, Sendable {
        public var counselorId: Int64
        public var studentId: Int64
        public var sessionId: Int64?

        public init(counselorId: Int64, studentId: Int64, sessionId: Int64?) {
            self.counselorId = counselorId
            self.studentId = studentId
            self.sessionId = sessionId
        }

        var fileName: String {
            "\(DraftsAside.counselorPrefix(counselorId))student-\(studentId).\(sessionId.map { "session-\($0)" } ?? "new").json"
        }
    }

    /// A draft as kept in its file.
    public struct Kept: Equatable, Sendable {
        public var key: Key
        public var payload: String
        public var savedAt: Date
    }

    private struct FileContent: Codable {
        var format: Int
        var counselorId: Int64
        var studentId: Int64
        var sessionId: Int64?
        var savedAt: Double
        var payload: String
    }

    static func counselorPrefix(_ id: Int64) -> String { "counselor-\(id)." }
    static let damagedSuffix = ".damaged"
    static let olderSuffix = ".older"

    public func path(of key: Key) -> String { (folder as NSString).appendingPathComponent(key.fileName) }

    /// Keeps `payload` on disk, replacing what was kept for the same draft.
    public func keep(_ key: Key, payload: String, savedAt: Date) throws {
        let content = FileContent(format: 1, counselorId: key.counselorId, studentId: key.studentId, sessionId: key.sessionId,
                                  savedAt: savedAt.timeIntervalSince1970, payload: payload)
        try writeWhole(try JSONEncoder().encode(content), to: path(of: key))
    }

    /// Writes `data` under `target` whole or not at all: a temporary name, fsync, rename.
    func writeWhole(_ data: Data, to target: String) throws {
        try makeFolder()
        let temporary = target + NewFile.partialMarker + NewFile.randomSuffix()
        guard let handle = NewFile.createExclusive(temporary) else { throw cannotKeep(target) }
        // Locked while written: a kill leaves a partial file whose lock is gone, which the
        // next load of drafts removes (the last whole copy is still under the file's name).
        flock(handle.fileDescriptor, LOCK_EX)
        do {
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            guard fsync(handle.fileDescriptor) == 0 else { throw cannotKeep(target) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let error = cannotKeep(target)
            unlink(temporary)
            throw error
        }
        syncFolder()
    }

    /// Removes a kept file by path, and the folder once it is empty.
    func removeFile(_ path: String) {
        if unlink(path) == 0 {
            syncFolder()
            rmdir(folder)   // only when empty: damaged or older files keep it
        }
    }

    /// Forgets the kept copy: the database has the draft (or it was saved or discarded).
    public func remove(_ key: Key) { removeFile(path(of: key)) }

    /// Every file in the folder (kept drafts, damaged and older ones), for `waypoint doctor`.
    public func leftovers() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.contains(NewFile.partialMarker) }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    /// What a file holds, or why it cannot be used.
    public func read(_ path: String) -> Result<Kept, DraftAsideDamage> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(DraftAsideDamage(path: path, reason: "it cannot be read"))
        }
        guard let content = try? JSONDecoder().decode(FileContent.self, from: data), content.format == 1 else {
            return .failure(DraftAsideDamage(path: path, reason: "it is not a draft Waypoint wrote, or it was cut short"))
        }
        let key = Key(counselorId: content.counselorId, studentId: content.studentId, sessionId: content.sessionId)
        // A file set apart keeps its name with a suffix (`.older`, `.damaged`).
        guard (path as NSString).lastPathComponent.hasPrefix(key.fileName) else {
            return .failure(DraftAsideDamage(path: path, reason: "its name does not match the draft inside it"))
        }
        return .success(Kept(key: key, payload: content.payload, savedAt: Date(timeIntervalSince1970: content.savedAt)))
    }

    /// The files kept for `counselorId` and not yet set apart (as damaged or older).
    func pending(counselorId: Int64) -> [String] {
        NewFile.removeStale(in: folder, prefix: DraftsAside.counselorPrefix(counselorId))
        return leftovers().filter {
            let name = ($0 as NSString).lastPathComponent
            return name.hasPrefix(DraftsAside.counselorPrefix(counselorId)) && name.hasSuffix(".json")
        }
    }

    /// Renames `path` to `path + suffix` (never over another file) and returns the new name.
    func setApart(_ path: String, suffix: String, now: Date) -> String {
        var target = path + suffix
        if FileManager.default.fileExists(atPath: target) { target += "-\(Int(now.timeIntervalSince1970))" }
        return rename(path, target) == 0 ? target : path
    }

    private func makeFolder() throws {
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw StoreError.cannotCreateFolder(path: folder, reason: NewFile.lastError())
        }
        // An existing folder must be a folder of ours, and private.
        guard NewFile.isOwnedFolder(folder) else {
            throw StoreError.cannotCreateFolder(path: folder, reason: "something else of that name is there")
        }
        chmod(folder, 0o700)
    }

    private func cannotKeep(_ path: String) -> StoreError { .cannotKeepDraft(path: path, reason: NewFile.lastError()) }

    private func syncFolder() { NewFile.syncFolder(folder) }
}

/// A kept draft that could not be used; the file stays, under a new name.
public struct DraftAsideDamage: Error, Equatable, Sendable {
    public var path: String
    public var reason: String
}
