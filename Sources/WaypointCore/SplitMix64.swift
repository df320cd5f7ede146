/// A tiny seeded generator whose output is fixed by its algorithm, so demo data is the same
/// on every machine and Swift version. Swift's own random APIs and `Hasher` are seeded per
/// process, and the standard library may change how `shuffled(using:)` or
/// `random(in:using:)` consume numbers, so the demo generator uses only these methods.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 bits (Steele, Lea and Flood's SplitMix64).
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`. The modulo bias is below 2^-40 for the small bounds used here,
    /// which does not matter for demo data and keeps the sequence simple to reproduce.
    mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next() % UInt64(bound))
    }

    /// True with the given probability (0...1).
    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T {
        items[int(below: items.count)]
    }

    /// An index chosen in proportion to `weights` (non-negative, not all zero).
    mutating func weightedIndex(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0, "weights must not all be zero")
        var roll = int(below: total)
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }
}
