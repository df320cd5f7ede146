/// A key hint in a footer: "q Back".
public struct KeyHint: Hashable, Sendable {
    public var keys: String
    public var title: String
    public var enabled: Bool

    public init(keys: String, title: String, enabled: Bool = true) {
        self.keys = keys
        self.title = title
        self.enabled = enabled
    }
}

/// The one-line bar at the bottom: key hints on the left, a status message on the right.
/// The message wins: it says what just happened, and hints that no longer fit are dropped
/// from the end, except the help hint (`?`): it lists them all, so it keeps its place last. A standing note (`quiet`, longest wording first)
/// is the opposite: it takes only what the hints leave, in the longest wording that fits.
public enum StatusBar {
    public static func render(hints: [KeyHint], message: String = "", quiet: [String] = [], into buffer: inout Buffer,
                              area: Rect, style: Style = .reverse) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, with: Cell(" ", style: style))
        let messageWidth = min(DisplayWidth.of(message), row.width - 2)
        let hintLimit = row.maxX - (messageWidth > 0 ? messageWidth + 3 : 0)
        var x = row.x + 1
        let width = { (hint: KeyHint) in DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(hint.title) }
        let help = hints.first { $0.keys == "?" }
        var shown = hints.filter { $0.keys != "?" }
        // The hints that fit with the help hint's room kept for it; all of them when all fit.
        if hints.map({ width($0) + 2 }).reduce(0, +) - 2 > hintLimit - x, let help {
            var used = width(help)
            shown = Array(shown.prefix { hint in
                used += width(hint) + 2
                return x + used <= hintLimit
            }) + [help]
        } else {
            shown = hints
        }
        for hint in shown {
            if x + width(hint) > hintLimit { break }
            let keyStyle = hint.enabled ? style.with(.bold) : style.with(.dim)
            x += buffer.write(hint.keys, at: Position(x: x, y: row.y), style: keyStyle, clip: row)
            x += buffer.write(" " + hint.title, at: Position(x: x, y: row.y),
                              style: hint.enabled ? style : style.with(.dim), clip: row)
            x += 2
        }
        if messageWidth > 0 {
            let text = DisplayWidth.truncate(message, to: messageWidth)
            buffer.write(text, at: Position(x: row.maxX - DisplayWidth.of(text) - 1, y: row.y), style: style, clip: row)
        } else if let text = quiet.first(where: { DisplayWidth.of($0) <= row.maxX - 1 - x }) {
            buffer.write(text, at: Position(x: row.maxX - DisplayWidth.of(text) - 1, y: row.y), style: style, clip: row)
        }
    }
}
