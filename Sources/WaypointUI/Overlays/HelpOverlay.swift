import TerminalKit

/// `?`: every binding of the context underneath, with why a key is unavailable when it is.
/// When the window is too short for one column the keys go into two; if even two do not
/// hold them, the last line says how many are left out rather than dropping them silently.
enum HelpOverlay {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let subject = Keymaps.helpSubject(for: state)
        let bindings = Keymaps.keymap(for: subject).bindings
        let keyWidth = min(16, (bindings.map { DisplayWidth.of($0.keyLabel) }.max() ?? 4) + 2)
        let size = Size(width: min(96, area.width - 2), height: min(bindings.count + 4, area.height - 2))
        let inner = Modal.render(title: "Help · \(subject.title)", size: size, into: &buffer, over: area)
        let rows = max(1, inner.height - 1)
        let columns = bindings.count > rows ? 2 : 1
        let columnWidth = (inner.width - 2) / columns
        let capacity = rows * columns
        let shown = bindings.count > capacity ? capacity - 1 : bindings.count
        for (index, binding) in bindings.prefix(shown).enumerated() {
            let column = index / rows
            let y = inner.y + index % rows
            let row = Rect(x: inner.x + 1 + column * columnWidth, y: y, width: columnWidth - (columns > 1 ? 1 : 0), height: 1)
            let keys = DisplayWidth.truncate(binding.keyLabel, to: keyWidth - 1)
            buffer.write(keys, at: Position(x: row.x, y: y), style: Theme.key, clip: row)
            var text = binding.title
            if let reason = binding.disabledReason(state) { text += " (unavailable: \(reason))" }
            let titleRect = Rect(x: row.x + keyWidth, y: y, width: max(0, row.width - keyWidth), height: 1)
            buffer.write(DisplayWidth.truncate(text, to: titleRect.width), at: Position(x: titleRect.x, y: y),
                         style: binding.disabledReason(state) == nil ? .plain : Theme.muted, clip: titleRect)
        }
        if shown < bindings.count {
            let y = inner.y + (capacity - 1) % rows
            let row = Rect(x: inner.x + 1 + (columns - 1) * columnWidth, y: y, width: columnWidth - 1, height: 1)
            buffer.write("… \(bindings.count - shown) more in a taller window (docs/KEYS.md has them all)",
                         at: Position(x: row.x, y: y), style: Theme.muted, clip: row)
        }
        let closing = Rect(x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 2, height: 1)
        buffer.write("? q Esc close this help", at: Position(x: closing.x, y: closing.y), style: Theme.muted, clip: closing)
    }
}
