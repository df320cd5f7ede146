import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an export (a plan, a caseload, sessions) into a new file readable by its owner
/// only: exports are education records.
///
/// The file is created with `O_EXCL` at mode 0600, so an existing file is never overwritten
/// (not even one that appears between a check and the write) and the content is never
/// readable by others, not even for a moment, whatever the umask.
public enum NewPrivateFile {
    public static func write(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw errno == EEXIST ? ExportError.exists(path: path) : ExportError(path: path)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw ExportError(path: path)
        }
    }
}
