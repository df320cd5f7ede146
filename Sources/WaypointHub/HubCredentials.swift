import Foundation

/// Finds the password for a hub address the way PostgreSQL's own tools do, never from the
/// command line: `PGPASSWORD`, else the `--password-file` given (one line; it must be readable
/// by its owner only), else the libpq passfile (`PGPASSFILE`, or `~/.pgpass`), whose
/// `host:port:database:user:password` lines may use `*` and escape `:` and `\` with `\`.
public struct HubCredentials: Sendable {
    public var environment: [String: String]
    public var home: String
    /// Told about a passfile that was skipped (readable by others), as libpq warns.
    public var warn: @Sendable (String) -> Void

    /// `home` defaults to $HOME, as libpq finds ~/.pgpass, and only without it to the
    /// account's home directory.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                home: String? = nil, warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.environment = environment
        self.home = home ?? environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        self.warn = warn
    }

    public func password(for address: HubAddress, passwordFile: String? = nil) throws(HubError) -> String {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        if let passwordFile { return try HubCredentials.readPasswordFile(passwordFile) }
        let passfile = environment["PGPASSFILE"] ?? (home as NSString).appendingPathComponent(".pgpass")
        if let password = try lookUp(address, in: passfile) { return password }
        throw .noPassword(user: address.user, place: address.place, passfile: passfile)
    }

    /// The first line of a file only its owner can read. Also used for a new counselor's password.
    public static func readPasswordFile(_ path: String) throws(HubError) -> String {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw .passwordFileUnreadable(path: path, reason: "it does not exist or cannot be opened")
        }
        guard !isFolder(attributes) else { throw .passwordFileUnreadable(path: path, reason: "it is a folder, not a file") }
        let mode = (attributes[.posixPermissions] as? Int) ?? 0
        guard mode & 0o077 == 0 else { throw .passwordFileOpen(path: path, mode: mode) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .passwordFileUnreadable(path: path, reason: "it cannot be read as UTF-8 text")
        }
        let password = String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
        guard !password.isEmpty else { throw .passwordFileUnreadable(path: path, reason: "its first line is empty") }
        return password
    }

    func lookUp(_ address: HubAddress, in passfile: String) throws(HubError) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: passfile) else { return nil }
        guard !HubCredentials.isFolder(attributes) else {
            warn("warning: ignoring the passfile \(passfile): it is a folder, not a file")
            return nil
        }
        let mode = (attributes[.posixPermissions] as? Int) ?? 0
        guard mode & 0o077 == 0 else {
            warn("warning: ignoring the passfile \(passfile): its mode \(String(format: "%04o", mode)) lets others read it (chmod 600 \(passfile))")
            return nil
        }
        guard let text = (try? String(contentsOfFile: passfile, encoding: .utf8)) else { return nil }
        let wanted = [address.host, String(address.port), address.database, address.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = HubCredentials.passfileFields(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    private static func isFolder(_ attributes: [FileAttributeKey: Any]) -> Bool {
        (attributes[.type] as? FileAttributeType) == .typeDirectory
    }

    /// Splits a passfile line at unescaped colons, undoing `\:` and `\\`.
    static func passfileFields(_ line: String) -> [String] {
        var fields = [""]
        var escaped = false
        for character in line {
            if escaped {
                fields[fields.count - 1].append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 5 {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
        }
        return fields
    }
}
