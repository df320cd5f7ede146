import TerminalKit

/// `?`: every binding of the context underneath, with why a key is unavailable when it is.
///
/// It uses the room the window has: each key's description wraps under itself instead of
/// being cut; the keys go into as few columns as hold them all (one when it fits, which
/// reads best), and when even the widest arrangement does not hold them, into pages that
/// PgDn and PgUp turn, the title saying which page this is. Nothing is cut or dropped.
enum HelpOverlay {
    /// One key and what it does, wrapped to its column.
    struct Entry: Equatable {
        var keys: String
        var lines: [String]
        var isAvailable: Bool
    }

    struct Layout: Equatable {
        var size: Size
        var keyWidth: Int
        var columnWidth: Int
        /// Pages of columns of entries.
        var pages: [[[Entry]]]
    }

    /// Narrower columns than this would wrap most descriptions onto several lines.
    static let minimumColumnWidth = 34
    static let maximumWidth = 110

    static func layout(_ state: AppState) -> Layout {
        let area = ScreenLayout.chrome(state.size).body
        let bindings = Keymaps.keymap(for: Keymaps.helpSubject(for: state)).bindings
        let keyWidth = min(16, (bindings.map { DisplayWidth.of($0.keyLabel) }.max() ?? 4) + 2)
        // All of the body when it needs it (at 80x24 every row counts), else no taller than
        // its keys; no wider than a line is comfortable to read across.
        let width = min(maximumWidth, area.width)
        // Inside the frame, a margin each side. How to close it and turn its pages is in the
        // footer, and which page this is in the title, so every row inside holds keys.
        let inner = width - 2
        let rows = max(1, area.height - 2)
        let widest = max(1, (inner - 2 + 1) / (minimumColumnWidth + 1))
        func entries(columnWidth: Int) -> [Entry] {
            bindings.map { binding in
                var text = binding.title
                let reason = binding.disabledReason(state)
                if let reason { text += " (unavailable: \(reason))" }
                let lines = TextWrap.wrap(text, width: max(1, columnWidth - keyWidth - 1))
                return Entry(keys: DisplayWidth.truncate(binding.keyLabel, to: keyWidth - 1), lines: Array(lines.prefix(rows)),
                             isAvailable: reason == nil)
            }
        }
        // A margin of one column each side, and one between columns.
        func columnWidth(_ count: Int) -> Int { (inner - 2 - (count - 1)) / count }
        for count in 1...widest {
            let pages = paginate(entries(columnWidth: columnWidth(count)), columns: count, rows: rows)
            if pages.count == 1 || count == widest {
                let used = pages.count == 1 ? (pages[0].map { $0.map(\.lines.count).reduce(0, +) }.max() ?? 0) : rows
                let height = min(area.height, used + 2)
                return Layout(size: Size(width: width, height: height), keyWidth: keyWidth, columnWidth: columnWidth(count),
                              pages: pages)
            }
        }
        return Layout(size: Size(width: width, height: area.height), keyWidth: keyWidth, columnWidth: inner, pages: [[[]]])
    }

    /// Entries in reading order down each column, then across, then onto the next page; an
    /// entry is never split between columns.
    static func paginate(_ entries: [Entry], columns: Int, rows: Int) -> [[[Entry]]] {
        var pages: [[[Entry]]] = [[[]]]
        var used = 0
        for entry in entries {
            if used + entry.lines.count > rows, !(pages[pages.count - 1].last?.isEmpty ?? true) {
                if pages[pages.count - 1].count == columns { pages.append([]) }
                pages[pages.count - 1].append([])
                used = 0
            }
            pages[pages.count - 1][pages[pages.count - 1].count - 1].append(entry)
            used += entry.lines.count
        }
        return pages
    }

    static func pageCount(_ state: AppState) -> Int { layout(state).pages.count }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let subject = Keymaps.helpSubject(for: state)
        let layout = layout(state)
        let page = min(max(0, state.helpPage), layout.pages.count - 1)
        let pages = layout.pages.count > 1 ? " · page \(page + 1) of \(layout.pages.count)" : ""
        let inner = Modal.render(title: "Help · \(subject.title)\(pages)", size: layout.size, into: &buffer, over: area)
        for (column, entries) in layout.pages[page].enumerated() {
            let x = inner.x + 1 + column * (layout.columnWidth + 1)
            var y = inner.y
            for entry in entries {
                let keysRect = Rect(x: x, y: y, width: layout.keyWidth, height: 1)
                buffer.write(entry.keys, at: Position(x: x, y: y), style: Theme.key, clip: keysRect)
                for (offset, line) in entry.lines.enumerated() {
                    let lineRect = Rect(x: x + layout.keyWidth, y: y + offset, width: layout.columnWidth - layout.keyWidth, height: 1)
                    buffer.write(line, at: Position(x: lineRect.x, y: lineRect.y), style: entry.isAvailable ? .plain : Theme.muted,
                                 clip: lineRect.intersection(inner))
                }
                y += entry.lines.count
            }
        }
    }
}
