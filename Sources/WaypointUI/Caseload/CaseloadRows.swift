import WaypointCore

/// Rows of the caseload table, in order: the rows as loaded (kept once, by the effect
/// runner's cache and the screen alike) and, for a search, the positions of the matches
/// among them. The first letter of a search across a district matches tens of thousands of
/// students; copying each of their rows into the screen's state on every key cost more
/// than finding them.
public struct CaseloadRows: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    private let kept: [CaseloadEntry]
    /// Positions in `kept`, in the order shown; nil: all of `kept`, as it is.
    private let positions: [Int]?

    public init(_ entries: [CaseloadEntry]) {
        kept = entries
        positions = nil
    }

    /// The rows at `positions` (each an index of `kept`), in that order.
    public init(_ kept: [CaseloadEntry], positions: [Int]) {
        self.kept = kept
        self.positions = positions
    }

    public init(arrayLiteral entries: CaseloadEntry...) {
        self.init(entries)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions?.count ?? kept.count }

    public subscript(position: Int) -> CaseloadEntry {
        kept[positions.map { $0[position] } ?? position]
    }

    /// The same rows: at once when both show the same kept rows at the same positions (a
    /// state compared with itself after a key that changed nothing else), row by row otherwise.
    public static func == (lhs: CaseloadRows, rhs: CaseloadRows) -> Bool {
        guard lhs.count == rhs.count else { return false }
        let sameKept = lhs.kept.withUnsafeBufferPointer { left in
            rhs.kept.withUnsafeBufferPointer { right in left.baseAddress == right.baseAddress && left.count == right.count }
        }
        if sameKept, lhs.positions == rhs.positions { return true }
        return lhs.elementsEqual(rhs)
    }
}
