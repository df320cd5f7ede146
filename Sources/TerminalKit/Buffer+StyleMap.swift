/// The styles of a buffer as text, for snapshots a person can read in a diff.
///
/// Text alone cannot tell a selected row from one that is not, or an error in red from a
/// plain line, so a snapshot carries this map under the text: one line per row that has
/// any style other than plain, the row number, then one letter per column (`.` plain), and
/// a legend naming each letter's style in words. Letters are given in the order styles
/// are first met, reading rows top to bottom, so the same screen always gives the same map.
extension Buffer {
    public var styleMap: String {
        var letters: [Style: Character] = [:]
        var legend: [(Character, Style)] = []
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var rows: [String] = []
        let numberWidth = String(max(0, size.height - 1)).count
        for y in 0..<size.height {
            var row = ""
            for x in 0..<size.width {
                let style = self[x, y].style
                if style == .plain {
                    row.append(".")
                    continue
                }
                if letters[style] == nil {
                    // More distinct styles than letters would be a screen no one can read;
                    // `?` keeps the map honest rather than crashing the test that draws it.
                    let letter = legend.count < alphabet.count ? alphabet[legend.count] : "?"
                    letters[style] = letter
                    legend.append((letter, style))
                }
                row.append(letters[style]!)
            }
            while row.last == "." { row.removeLast() }
            guard !row.isEmpty else { continue }
            let number = String(y)
            rows.append(String(repeating: " ", count: numberWidth - number.count) + number + " " + row)
        }
        let names = legend.map { "\($0.0) \($0.1.description)" }
        return (rows + (names.isEmpty ? [] : [""] + names)).joined(separator: "\n")
    }
}

extension Style: CustomStringConvertible {
    /// The style in words: "fg=red bg=default bold reverse"; plain is "plain".
    public var description: String {
        var words: [String] = []
        if foreground != .default { words.append("fg=\(foreground)") }
        if background != .default { words.append("bg=\(background)") }
        let named: [(Attributes, String)] = [(.bold, "bold"), (.dim, "dim"), (.underline, "underline"), (.reverse, "reverse")]
        words += named.filter { attributes.contains($0.0) }.map(\.1)
        return words.isEmpty ? "plain" : words.joined(separator: " ")
    }
}
