import Foundation

/// Writes exports as owner-only files: a plan is an education record.
public enum PlanFiles {
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ExportError(path: path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    /// A file name for a student's plan that does not yet exist in `directory`:
    /// "plan-S100234-2026-11-23.html", then "-2", "-3", …
    public static func freshName(directory: String, studentId: String, date: String, format: PlanFormat) -> String {
        let safeId = studentId.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        let base = "plan-\(safeId.isEmpty ? "student" : safeId)-\(date)"
        var candidate = URL(fileURLWithPath: directory).appendingPathComponent("\(base).\(format.fileExtension)").path
        var counter = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = URL(fileURLWithPath: directory).appendingPathComponent("\(base)-\(counter).\(format.fileExtension)").path
            counter += 1
        }
        return candidate
    }
}

public struct ExportError: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "cannot write \(path); check that its folder exists and is writable" }
}
