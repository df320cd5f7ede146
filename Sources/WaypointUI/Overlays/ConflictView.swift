import TerminalKit

/// "Changed in another window": the version saved elsewhere and the counselor's, side by
/// side when the window is wide, one above the other at 80 columns, so nothing is hidden
/// before they choose.
enum ConflictView {
    static func render(_ conflict: Conflict, into buffer: inout Buffer, area: Rect) {
        let width = min(110, area.width - 2)
        let intro = "\(conflict.record) was changed in another window (or by a command) after you opened it. "
            + "Nothing of yours was saved."
        // As tall as the two versions need, up to the whole body.
        let textWidth = width - 4
        let sideBySide = textWidth >= 90
        let columnWidth = sideBySide ? (textWidth - 2) / 2 : textWidth
        let heights = [conflict.theirs, conflict.yours].map { lines($0, width: columnWidth) + 1 }
        let needed = min(3, lines(intro, width: textWidth)) + 1 + (sideBySide ? heights.max()! : heights.reduce(1, +)) + 2
        let size = Size(width: width, height: min(area.height - 2, max(10, needed + 2)))
        let inner = Modal.render(title: "Changed in another window", size: size, into: &buffer, over: area)
            .inset(horizontal: 1, vertical: 0)
        let introLines = Paragraph.render(intro, into: &buffer, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: 3))
        let choice = conflict.retry == nil ? "Esc keeps theirs." : "o saves yours over theirs · Esc keeps theirs."
        buffer.write(choice, at: Position(x: inner.x, y: inner.maxY - 1), style: Theme.muted, clip: inner)
        let body = Rect(x: inner.x, y: inner.y + introLines + 1, width: inner.width,
                        height: max(2, inner.height - introLines - 3))
        let theirsArea: Rect
        let yoursArea: Rect
        if sideBySide {
            let half = (body.width - 2) / 2
            theirsArea = Rect(x: body.x, y: body.y, width: half, height: body.height)
            yoursArea = Rect(x: body.x + half + 2, y: body.y, width: body.width - half - 2, height: body.height)
        } else {
            // Theirs and a blank line when both fit; otherwise the longer one gets what the other leaves.
            let wanted = heights[0] + 1
            let half = wanted + heights[1] <= body.height ? wanted : max(body.height / 2, body.height - heights[1])
            theirsArea = Rect(x: body.x, y: body.y, width: body.width, height: half)
            yoursArea = Rect(x: body.x, y: body.y + half, width: body.width, height: body.height - half)
        }
        version("Theirs (saved now)", conflict.theirs, into: &buffer, area: theirsArea)
        version("Yours (not saved)", conflict.yours, into: &buffer, area: yoursArea)
    }

    private static func lines(_ text: String, width: Int) -> Int {
        TextWrap.wrap(Sanitizer.sanitizeKeepingLines(text), width: max(1, width)).count
    }

    private static func version(_ title: String, _ text: String, into buffer: inout Buffer, area: Rect) {
        guard area.height > 0 else { return }
        buffer.write(title, at: Position(x: area.x, y: area.y), style: Theme.heading, clip: area)
        let textArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        Paragraph.render(text, into: &buffer, area: textArea)
        if lines(text, width: textArea.width) > textArea.height, textArea.height > 0 {
            buffer.write("…", at: Position(x: textArea.maxX - 1, y: textArea.maxY - 1), style: Theme.muted, clip: textArea)
        }
    }
}
