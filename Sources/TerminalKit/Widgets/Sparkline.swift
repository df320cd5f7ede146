/// A trend in one line of cells: "▃▅▇▆" (or " :=#" where block characters are not drawn).
public enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let ascii: [Character] = ["_", ".", ":", "-", "=", "+", "*", "#"]

    /// One cell per value, scaled between `range` (values outside are clamped).
    public static func text(_ values: [Double], range: ClosedRange<Double>, ascii: Bool = false) -> String {
        let levels = ascii ? Sparkline.ascii : Sparkline.blocks
        let span = range.upperBound - range.lowerBound
        return String(values.map { value in
            guard span > 0 else { return levels[levels.count / 2] }
            let share = (min(max(value, range.lowerBound), range.upperBound) - range.lowerBound) / span
            return levels[min(levels.count - 1, Int((share * Double(levels.count)).rounded(.down)))]
        })
    }

    /// The lowest to the highest value: a measure with no fixed scale (a score, minutes)
    /// shows its own movement. Nil without values.
    public static func range(of values: [Double]) -> ClosedRange<Double>? {
        guard let low = values.min(), let high = values.max() else { return nil }
        return low...high
    }

    /// Draws the latest values that fit in `width` cells from `position`, scaled between
    /// `range` (default: their own lowest to highest), in `style`, the latest one in
    /// `latestStyle` so the eye finds where the student is now. Returns the cells drawn.
    /// `ascii`: the terminal cannot draw block characters (`AppState.asciiOnly`).
    @discardableResult
    public static func render(_ values: [Double], into buffer: inout Buffer, at position: Position, width: Int,
                              range: ClosedRange<Double>? = nil, ascii: Bool = false, style: Style = .plain,
                              latestStyle: Style = .bold) -> Int {
        let shown = Array(values.suffix(max(0, width)))
        guard let scale = range ?? Self.range(of: shown) else { return 0 }
        let cells = Array(text(shown, range: scale, ascii: ascii))
        for (offset, cell) in cells.enumerated() {
            buffer.write(String(cell), at: Position(x: position.x + offset, y: position.y),
                         style: offset == cells.count - 1 ? latestStyle : style)
        }
        return cells.count
    }
}
