/// Draws a `TextInput` on one row, scrolled so the cursor is always visible.
public enum TextField {
    /// Renders `input` after `prompt` and returns where the terminal cursor belongs.
    @discardableResult
    public static func render(_ input: TextInput, prompt: String = "", placeholder: String = "",
                              into buffer: inout Buffer, area: Rect, style: Style = .plain) -> Position {
        guard !area.isEmpty else { return Position(x: area.x, y: area.y) }
        let row = area.row(0)
        buffer.fill(row, with: Cell(" ", style: style))
        let promptWidth = buffer.write(prompt, at: Position(x: row.x, y: row.y), style: style.with(.bold), clip: row)
        let field = Rect(x: row.x + promptWidth, y: row.y, width: row.width - promptWidth, height: 1)
        guard field.width > 0 else { return Position(x: row.maxX - 1, y: row.y) }
        if input.isEmpty {
            buffer.write(placeholder, at: Position(x: field.x, y: field.y), style: style.with(.dim), clip: field)
            return Position(x: field.x, y: field.y)
        }
        // Show a window of the text that ends at or after the cursor.
        let before = input.characters[..<input.cursor]
        var start = input.cursor
        var used = 0
        while start > 0 {
            let w = DisplayWidth.of(before[start - 1])
            if used + w > field.width - 1 { break }
            used += w
            start -= 1
        }
        let visible = String(input.characters[start...])
        buffer.write(visible, at: Position(x: field.x, y: field.y), style: style, clip: field)
        return Position(x: field.x + used, y: field.y)
    }
}
