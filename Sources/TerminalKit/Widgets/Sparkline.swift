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
}
