/// Chinese, Japanese and Korean full names are written with no space between family and
/// given name ("王伟", "김민준"), so a counselor types them that way. These helpers let
/// search match that written form even though the roster stores the two parts apart.
extension SearchText {
    /// Whether every letter of `text` belongs to a script written without spaces between
    /// name parts (Han, Hiragana, Katakana, Hangul). Empty or mixed text is not.
    public static func isUnspacedScript(_ text: String) -> Bool {
        var sawLetter = false
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace {
            guard isUnspacedScalar(scalar.value) else { return false }
            sawLetter = true
        }
        return sawLetter
    }

    private static func isUnspacedScalar(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xAC00...0xD7AF, 0xD7B0...0xD7FF:
            return true // Hangul syllables and jamo (folding may decompose syllables)
        case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F:
            return true // Hiragana and Katakana
        case 0x3005, 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF:
            return true // Han ideographs and the iteration mark
        default:
            return false
        }
    }
}

extension Student {
    /// The folded family-then-given forms a counselor would type for a CJK name: family name
    /// joined to the given name, and to the preferred name when that is CJK too. Empty for
    /// names in spaced scripts, where "Family Given" is already covered word by word.
    var unspacedFullNames: [String] {
        guard SearchText.isUnspacedScript(familyName) else { return [] }
        var names: [String] = []
        for first in [givenName, preferredName ?? ""] where SearchText.isUnspacedScript(first) {
            let joined = SearchText.fold(familyName + first)
            if !names.contains(joined) { names.append(joined) }
        }
        return names
    }
}
