import Foundation

/// Which line of a catalog file each key path starts on ("milestones[3].goals[0]" -> 41),
/// so a mistake is reported as "milestones.json:41" and IT staff go straight to it in
/// their editor. `JSONDecoder` keeps no positions, so the file is scanned once here; the
/// scan only runs when there is an error to report.
struct CatalogLines {
    private var lines: [String: Int] = [:]

    init(_ data: Data) {
        var scanner = Scanner(bytes: Array(data))
        scanner.value(path: "", into: &lines)
    }

    /// The line of `key`, or of its closest parent present in the file (a missing key is
    /// reported at the entry that lacks it); nil when even the top level is unreadable.
    func line(of key: String?) -> Int? {
        guard var path = key else { return nil }
        while true {
            if let line = lines[path] { return line }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return lines[""] }
            path = String(path[..<cut])
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\n"): line += 1; index += 1
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
                default: return
                }
            }
        }

        /// Records the line of the value at `path` and of everything inside it. Stops quietly
        /// at anything that is not JSON: the decoder has already said what is wrong there.
        mutating func value(path: String, into lines: inout [String: Int]) {
            skipSpace()
            guard index < bytes.count else { return }
            if lines[path] == nil { lines[path] = line }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1 }
                        return
                    }
                    let keyLine = line
                    let key = string()
                    let child = path.isEmpty ? key : path + "." + key
                    lines[child] = keyLine
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return }
                    index += 1
                    value(path: child, into: &lines)
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else {
                        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1 }
                        return
                    }
                    index += 1
                }
            case UInt8(ascii: "["):
                index += 1
                var position = 0
                while true {
                    skipSpace()
                    guard index < bytes.count else { return }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return }
                    value(path: "\(path)[\(position)]", into: &lines)
                    position += 1
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else {
                        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1 }
                        return
                    }
                    index += 1
                }
            case UInt8(ascii: "\""):
                _ = string()
            default:
                // A number, true, false or null: up to the next delimiter.
                while index < bytes.count, !",]} \t\r\n".utf8.contains(bytes[index]) { index += 1 }
            }
        }

        /// A string starting at the opening quote, escapes kept as written (keys in catalogs
        /// are plain words).
        mutating func string() -> String {
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
            let text = String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self)
            index += 1
            return text
        }
    }
}
