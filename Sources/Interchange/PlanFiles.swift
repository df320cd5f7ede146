import Foundation

/// Writes exports as owner-only files: a plan is an education record.
public enum PlanFiles {
    /// A new file, 0600; an existing one is refused (``ExportError/exists(path:)``), never overwritten.
    public static func write(_ text: String, to path: String) throws {
        try NewPrivateFile.write(text, to: path)
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
    public var description: String

    public init(path: String) {
        self.path = path
        description = "cannot write \(path); check that its folder exists and is writable"
    }

    /// The file is already there: exports, like backups, never overwrite one.
    public static func exists(path: String) -> ExportError {
        var error = ExportError(path: path)
        error.description = "\(path) already exists; Waypoint does not overwrite files. Choose a new name."
        return error
    }
}
