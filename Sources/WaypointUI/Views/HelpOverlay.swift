import TerminalKit

/// `?`: every binding of the context underneath, with why a key is unavailable when it is.
enum HelpOverlay {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let subject = Keymaps.helpSubject(for: state)
        let bindings = Keymaps.keymap(for: subject).bindings
        let keyWidth = min(16, (bindings.map { DisplayWidth.of($0.keyLabel) }.max() ?? 4) + 2)
        let size = Size(width: min(96, area.width - 2), height: min(bindings.count + 4, area.height - 2))
        let inner = Modal.render(title: "Help · \(subject.title)", size: size, into: &buffer, over: area)
        var y = inner.y
        for binding in bindings {
            guard y < inner.maxY - 1 else { break }
            let row = Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: 1)
            buffer.write(binding.keyLabel, at: Position(x: row.x, y: y), style: Theme.key, clip: row)
            var text = binding.title
            if let reason = binding.disabledReason(state) { text += " (unavailable: \(reason))" }
            let titleRect = Rect(x: row.x + keyWidth, y: y, width: row.width - keyWidth, height: 1)
            buffer.write(DisplayWidth.truncate(text, to: titleRect.width), at: Position(x: titleRect.x, y: y),
                         style: binding.disabledReason(state) == nil ? .plain : Theme.muted, clip: titleRect)
            y += 1
        }
        let closing = Rect(x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 2, height: 1)
        buffer.write("? q Esc close this help", at: Position(x: closing.x, y: closing.y), style: Theme.muted, clip: closing)
    }
}
