/// A bordered box with an optional title; modals and panels are drawn in one.
public enum Block {
    /// Clears `area`, draws its border and title, and returns the inside.
    @discardableResult
    public static func render(title: String = "", into buffer: inout Buffer, area: Rect,
                              style: Style = .plain, titleStyle: Style = .bold) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        buffer.fill(area, with: Cell(" ", style: style))
        let horizontal = String(repeating: "─", count: area.width - 2)
        buffer.write("┌" + horizontal + "┐", at: Position(x: area.x, y: area.y), style: style)
        buffer.write("└" + horizontal + "┘", at: Position(x: area.x, y: area.maxY - 1), style: style)
        for y in (area.y + 1)..<(area.maxY - 1) {
            buffer.write("│", at: Position(x: area.x, y: y), style: style)
            buffer.write("│", at: Position(x: area.maxX - 1, y: y), style: style)
        }
        if !title.isEmpty, area.width > 4 {
            let text = " " + DisplayWidth.truncate(title, to: area.width - 6) + " "
            buffer.write(text, at: Position(x: area.x + 2, y: area.y), style: titleStyle)
        }
        return area.inset(by: 1)
    }
}

/// A dialog drawn over the screen: a centred block of a given size.
public enum Modal {
    /// Draws the frame over whatever is below and returns the inside for the content.
    @discardableResult
    public static func render(title: String, size: Size, into buffer: inout Buffer, over area: Rect,
                              style: Style = .plain) -> Rect {
        let frame = area.centered(size)
        return Block.render(title: title, into: &buffer, area: frame, style: style)
    }
}
