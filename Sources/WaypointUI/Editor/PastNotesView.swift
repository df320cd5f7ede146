import Foundation
import TerminalKit
import WaypointCore

/// The past-notes pane: a find line, then every earlier session of the student, newest
/// first, each as the profile's session reader shows it (`SessionReaderView.text`), with
/// the found word highlighted. Beside the form from `sideMinimumWidth` columns (the form
/// keeps at least 60), over it below that (80x24 included).
enum PastNotesView {
    struct Line: Equatable {
        var text: String
        var isHeading = false
    }

    /// One occurrence of the word found: its line, and where in the line.
    struct Match: Equatable {
        var line: Int
        var range: Range<String.Index>
    }

    static let sideMinimumWidth = 110

    static func isSide(_ size: Size) -> Bool { size.width >= sideMinimumWidth }

    /// The pane's frame: the right part of the body beside the form, or all of the body.
    static func frame(_ size: Size) -> Rect {
        let body = ScreenLayout.chrome(size).body
        guard isSide(size) else { return body }
        let width = body.width * 9 / 20
        return Rect(x: body.maxX - width, y: body.y, width: width, height: body.height)
    }

    /// Where the sessions' text goes: inside the border, below the find line and a rule.
    static func textArea(_ size: Size) -> Rect {
        let inner = frame(size).inset(by: 1).inset(horizontal: 1, vertical: 0)
        return Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(1, inner.height - 2))
    }

    /// The sessions as wrapped lines. The session being amended is left out: its text is in the form.
    static func lines(_ state: AppState, width: Int) -> [Line] {
        guard let editor = state.editor, let sessions = editor.pastNotes.sessions else { return [] }
        let earlier = sessions.filter { $0.session.id != editor.sessionId }
        guard !earlier.isEmpty else { return [Line(text: "No earlier sessions with \(editor.studentName).")] }
        var lines: [Line] = []
        for view in earlier {
            if !lines.isEmpty { lines.append(Line(text: "")) }
            lines += TextWrap.wrap(Sanitizer.sanitize(SessionReaderView.title(view, state)), width: width)
                .map { Line(text: $0, isHeading: true) }
            lines += TextWrap.wrap(Sanitizer.sanitizeKeepingLines(SessionReaderView.text(view, contacts: editor.contacts)), width: width)
                .map { Line(text: $0) }
        }
        return lines
    }

    /// Every occurrence of `query` (ignoring case and accents), in reading order.
    static func matches(in lines: [Line], query: String) -> [Match] {
        let word = query.trimmingCharacters(in: .whitespaces)
        guard !word.isEmpty else { return [] }
        var found: [Match] = []
        for (index, line) in lines.enumerated() {
            var start = line.text.startIndex
            while let range = line.text.range(of: word, options: [.caseInsensitive, .diacriticInsensitive],
                                              range: start..<line.text.endIndex) {
                found.append(Match(line: index, range: range))
                start = range.upperBound
            }
        }
        return found
    }

    static func render(_ state: AppState, into buffer: inout Buffer) -> Position? {
        guard let editor = state.editor, editor.pastNotes.isOpen else { return nil }
        let pane = editor.pastNotes
        let frame = self.frame(state.size)
        let count = pane.sessions.map { sessions in sessions.filter { $0.session.id != editor.sessionId }.count }
        let title = "Past notes · \(editor.studentName)" + (count.map { " · \($0) session\($0 == 1 ? "" : "s")" } ?? "")
        let inner = Block.render(title: title, into: &buffer, area: frame, style: pane.hasFocus ? .plain : Theme.muted)
            .inset(horizontal: 1, vertical: 0)
        let area = textArea(state.size)
        let lines = self.lines(state, width: area.width)
        let matches = self.matches(in: lines, query: pane.search.text)

        let findRow = Rect(x: inner.x, y: inner.y, width: inner.width, height: 1)
        var counter = ""
        if !pane.search.text.trimmingCharacters(in: .whitespaces).isEmpty {
            counter = matches.isEmpty ? "not found" : "\(min(pane.match, matches.count - 1) + 1) of \(matches.count)"
        }
        let counterWidth = DisplayWidth.of(counter)
        let x = findRow.x + buffer.write("Find: ", at: Position(x: findRow.x, y: findRow.y), style: Theme.heading, clip: findRow)
        let field = Rect(x: x, y: findRow.y, width: max(1, findRow.maxX - x - counterWidth - 1), height: 1)
        let cursor = TextField.render(pane.search, placeholder: pane.hasFocus ? "type a word; Enter finds the next" : "Ctrl-P to search",
                                      into: &buffer, area: field)
        buffer.write(counter, at: Position(x: findRow.maxX - counterWidth, y: findRow.y),
                     style: matches.isEmpty ? Theme.error : Theme.heading, clip: findRow)
        buffer.write(String(repeating: "─", count: inner.width), at: Position(x: inner.x, y: inner.y + 1), style: Theme.muted,
                     clip: inner)

        guard pane.sessions != nil else {
            buffer.write("Loading…", at: Position(x: area.x, y: area.y), style: Theme.muted, clip: area)
            return pane.hasFocus ? cursor : nil
        }
        let first = min(pane.scroll, max(0, lines.count - area.height))
        let current = matches.indices.contains(pane.match) ? matches[pane.match] : nil
        for row in 0..<area.height {
            let index = first + row
            guard lines.indices.contains(index) else { break }
            let line = lines[index]
            let y = area.y + row
            buffer.write(line.text, at: Position(x: area.x, y: y), style: line.isHeading ? Theme.heading : .plain, clip: area)
            for match in matches where match.line == index {
                let start = area.x + DisplayWidth.of(String(line.text[..<match.range.lowerBound]))
                let width = DisplayWidth.of(String(line.text[match.range]))
                let style = match == current ? Theme.selected.with(.bold) : Theme.selected
                buffer.setStyle(style, in: Rect(x: start, y: y, width: width, height: 1).intersection(area))
            }
        }
        if first + area.height < lines.count {
            let more = " ↓ \(lines.count - first - area.height) more lines "
            buffer.write(more, at: Position(x: frame.maxX - DisplayWidth.of(more) - 2, y: frame.maxY - 1), style: Theme.muted, clip: frame)
        }
        return pane.hasFocus ? cursor : nil
    }
}
