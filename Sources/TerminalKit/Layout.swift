/// How much of a split one part takes.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less only if the area is too small for the fixed parts).
    case fixed(Int)
    /// At least this many cells; grows like `.fill(1)` when there is room.
    case min(Int)
    /// This share of the whole area, in percent.
    case percentage(Int)
    /// A share of what is left after fixed, minimum and percentage parts, by weight.
    case fill(Int)
}

public enum Direction: Sendable {
    case horizontal, vertical
}

/// Splits a rectangle into consecutive parts, the way every screen lays itself out.
public enum Layout {
    public static func split(_ area: Rect, _ direction: Direction, _ constraints: [Constraint],
                             spacing: Int = 0) -> [Rect] {
        guard !constraints.isEmpty else { return [] }
        let total = direction == .horizontal ? area.width : area.height
        let available = max(0, total - spacing * (constraints.count - 1))
        var lengths = constraints.map { constraint -> Int in
            switch constraint {
            case .fixed(let n), .min(let n): max(0, n)
            case .percentage(let p): available * max(0, min(100, p)) / 100
            case .fill: 0
            }
        }
        var used = lengths.reduce(0, +)
        if used > available {
            // Not enough room: shrink from the last part backwards, so headers survive.
            var excess = used - available
            for index in lengths.indices.reversed() where excess > 0 {
                let cut = min(lengths[index], excess)
                lengths[index] -= cut
                excess -= cut
            }
            used = available
        }
        let weights = constraints.map { constraint -> Int in
            switch constraint {
            case .fill(let w): max(0, w)
            case .min: 1
            default: 0
            }
        }
        let weightSum = weights.reduce(0, +)
        var remaining = available - used
        if weightSum > 0, remaining > 0 {
            let share = remaining
            var given = 0
            let growing = weights.indices.filter { weights[$0] > 0 }
            for (order, index) in growing.enumerated() {
                let extra = order == growing.count - 1 ? share - given : share * weights[index] / weightSum
                lengths[index] += extra
                given += extra
            }
            remaining = 0
        }
        var offset = direction == .horizontal ? area.x : area.y
        return lengths.map { length in
            defer { offset += length + spacing }
            switch direction {
            case .horizontal: return Rect(x: offset, y: area.y, width: length, height: area.height)
            case .vertical: return Rect(x: area.x, y: offset, width: area.width, height: length)
            }
        }
    }
}
