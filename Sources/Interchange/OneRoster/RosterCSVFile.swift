import Foundation

/// One CSV file of a bundle, read into rows keyed by the header, each with the line it
/// starts on. The bytes are checked as UTF-8 first (a byte-order mark dropped), then split by
/// `RosterCSVScanner`, so a malformed file is reported where it breaks.
struct RosterCSVFile {
    struct Row {
        var line: Int
        var fields: [String]
    }

    var name: String
    var header: [String]
    var rows: [Row]

    /// True for a column that holds a secret: its values are never kept in memory past
    /// reading, never stored, logged or echoed.
    static func isSecret(_ header: String) -> Bool {
        let lowered = header.lowercased()
        return lowered.contains("password") || lowered.contains("pwd")
    }

    /// Reads `url`; nil with errors recorded when the file cannot be read as CSV.
    static func read(_ url: URL, issues: RosterIssues) -> RosterCSVFile? {
        let name = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path) else {
            issues.error(RosterIssue(file: name, line: 1, column: 1, field: "file", value: name,
                                     expected: "a readable file"))
            return nil
        }
        guard let text = decode(data, name: name, issues: issues) else { return nil }
        guard var rows = RosterCSVScanner.records(text, name: name, issues: issues) else { return nil }
        guard !rows.isEmpty else {
            return RosterCSVFile(name: name, header: [], rows: [])
        }
        let first = rows.removeFirst().fields
        // Secret columns are blanked here, before any other code sees the row.
        let secret = first.map(isSecret)
        if secret.contains(true) {
            for row in rows.indices {
                for column in rows[row].fields.indices where column < secret.count && secret[column] {
                    rows[row].fields[column] = ""
                }
            }
        }
        return RosterCSVFile(name: name, header: first.map { $0.trimmingCharacters(in: .whitespaces) }, rows: rows)
    }

    /// UTF-8 only (with or without a byte-order mark): a file in another encoding would put
    /// wrong letters into names, so it is refused at the first byte that is not UTF-8.
    private static func decode(_ data: Data, name: String, issues: RosterIssues) -> String? {
        if let text = String(data: data, encoding: .utf8) { return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var offset = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: break loop
            case .error(let length):
                let before = data.prefix(offset)
                let line = before.filter { $0 == 0x0A }.count + 1
                let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                let column = String(decoding: data[lineStart..<offset], as: UTF8.self).count + 1
                let bytes = data[offset..<offset + length].map { String(format: "0x%02X", $0) }.joined(separator: " ")
                issues.error(RosterIssue(file: name, line: line, column: column, field: "encoding", value: bytes,
                                         expected: "UTF-8 text (save the file as UTF-8)"))
                return nil
            }
        }
        return nil
    }
}
