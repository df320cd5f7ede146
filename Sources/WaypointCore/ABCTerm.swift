/// A term label as districts write it, "2026-FA": a four-digit year, a hyphen and a term
/// code. Early-warning indicators compare terms ("attendance fell since last term"), so
/// terms need an order that text sorting gets wrong ("2026-FA" < "2026-SP" alphabetically,
/// though spring comes first): within a year the seasons go WI, SP, SU, FA; other codes
/// (S1, S2, Q1…, T1…) follow in text order.
public enum ABCTerm {
    static let seasons = ["WI", "SP", "SU", "FA"]

    /// True for "YYYY-CODE" with a code of 1 to 8 letters or digits.
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              (1...8).contains(parts[1].count), parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return false }
        return true
    }

    /// True when `a` comes after `b` (newest first sorts with this).
    public static func isLater(_ a: String, than b: String) -> Bool {
        key(a) > key(b)
    }

    private static func key(_ term: String) -> (Int, Int, String) {
        let parts = term.split(separator: "-", maxSplits: 1)
        let year = parts.first.flatMap { Int($0) } ?? 0
        let code = parts.count > 1 ? String(parts[1]).uppercased() : ""
        let season = seasons.firstIndex(of: code) ?? seasons.count
        return (year, season, code)
    }
}

private func > (lhs: (Int, Int, String), rhs: (Int, Int, String)) -> Bool {
    if lhs.0 != rhs.0 { return lhs.0 > rhs.0 }
    if lhs.1 != rhs.1 { return lhs.1 > rhs.1 }
    return lhs.2 > rhs.2
}
