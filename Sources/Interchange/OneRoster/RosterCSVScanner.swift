/// RFC 4180, the one CSV parser of every file Waypoint reads (roster files, caseloads.csv,
/// ABC files). Strict where a spreadsheet is sloppy: a stray or unclosed quote is an error at
/// its line and column, never values shifted silently into the wrong columns. Each record
/// keeps the line it starts on, since a quoted newline makes record and line numbers differ.
/// CRLF, LF and a lone CR all end a record; a blank line is a record of one empty field.
enum RosterCSVScanner {
    /// The records of `text`, or nil with an error recorded at the first malformed quote.
    static func records(_ text: String, name: String, issues: RosterIssues) -> [RosterCSVFile.Row]? {
        var text = text
        // The bytes, not the characters: every byte that matters is ASCII, and a UTF-8
        // continuation byte can never be mistaken for one. Reading characters (or scalars)
        // was most of the time of reading a district's users.csv.
        return text.withUTF8 { scan($0, name: name, issues: issues) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, name: String,
                             issues: RosterIssues) -> [RosterCSVFile.Row]? {
        enum State { case fieldStart, unquoted, quoted, closed }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var state = State.fieldStart
        var rows: [RosterCSVFile.Row] = []
        var fields: [String] = []
        var line = 1
        // In characters (the first byte of each UTF-8 sequence), as an editor counts them.
        var column = 0
        var recordOpen = false
        var recordLine = 1
        var quoteLine = 1
        var quoteColumn = 1
        var previousWasCR = false
        // The field's content: bytes start..<end, with "" standing for " when `escaped`.
        var start = 0
        var end = 0
        var escaped = false

        func fail(_ line: Int, _ column: Int, _ value: String, _ expected: String) -> [RosterCSVFile.Row]? {
            issues.error(RosterIssue(file: name, line: line, column: column, field: "quoting", value: value,
                                     expected: expected))
            return nil
        }
        func endField() {
            let content = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard escaped else {
                fields.append(String(decoding: content, as: UTF8.self))
                state = .fieldStart
                return
            }
            // Bytes, not characters: a quote followed by a combining mark is one character.
            var unescaped: [UInt8] = []
            unescaped.reserveCapacity(content.count)
            var pending = false
            for byte in content {
                if byte == quote {
                    pending.toggle()
                    guard pending else { continue }
                }
                unescaped.append(byte)
            }
            fields.append(String(decoding: unescaped, as: UTF8.self))
            state = .fieldStart
        }
        func endRecord() {
            endField()
            rows.append(RosterCSVFile.Row(line: recordLine, fields: fields))
            fields = []
            recordOpen = false
        }

        for index in bytes.indices {
            let byte = bytes[index]
            if byte == lf && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = byte == cr
            let isNewline = byte == lf || byte == cr
            if byte & 0xC0 != 0x80 { column += 1 }
            if !recordOpen {
                recordOpen = true
                recordLine = line
            }
            switch state {
            case .fieldStart:
                start = index
                end = index
                escaped = false
                if byte == quote {
                    state = .quoted
                    start = index + 1
                    quoteLine = line
                    quoteColumn = column
                } else if byte == comma {
                    endField()
                } else if isNewline {
                    endRecord()
                } else {
                    state = .unquoted
                }
            case .unquoted:
                if byte == quote {
                    return fail(line, column, "\"", "a quote only around a whole field (write \"\" inside a quoted field)")
                } else if byte == comma {
                    end = index
                    endField()
                } else if isNewline {
                    end = index
                    endRecord()
                }
            case .quoted:
                if byte == quote {
                    state = .closed
                    end = index
                }
            case .closed:
                if byte == quote {
                    state = .quoted
                    escaped = true
                } else if byte == comma {
                    endField()
                } else if isNewline {
                    endRecord()
                } else {
                    let length = byte < 0xE0 ? (byte < 0x80 ? 1 : 2) : (byte < 0xF0 ? 3 : 4)
                    let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<min(index + length, bytes.count)]),
                                        as: UTF8.self)
                    return fail(line, column, scalar, "a comma or the end of the line after a closing quote")
                }
            }
            if isNewline {
                line += 1
                column = 0
            }
        }
        switch state {
        case .quoted:
            return fail(quoteLine, quoteColumn, "\"", "a closing quote before the end of the file")
        case .unquoted:
            end = bytes.count
            endRecord()
        case .closed:
            endRecord()
        case .fieldStart:
            // After a comma the record ends with an empty field; after a line end there is none.
            guard recordOpen else { break }
            (start, end, escaped) = (0, 0, false)
            endRecord()
        }
        return rows
    }
}
