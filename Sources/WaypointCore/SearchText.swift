import Foundation

/// Folding that makes "nguyen" find "Nguyễn", "ZOË" find "Zoe" and "obrien" find "O’Brien":
/// lower case, no accents, no apostrophes (straight or curly, as pasted from email), and the
/// few Latin letters that are separate letters rather than accented ones.
public enum SearchText {
    private static let separateLetters: [Character: String] = [
        "đ": "d", "ð": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe",
        "ı": "i", "þ": "th", "ħ": "h",
        "'": "", "’": "", "‘": "", "ʼ": "", "`": "",
    ]

    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive],
                                  locale: nil)
            .lowercased()
        guard folded.contains(where: { separateLetters[$0] != nil }) else { return folded }
        return folded.reduce(into: "") { result, character in
            if let replacement = separateLetters[character] {
                result += replacement
            } else {
                result.append(character)
            }
        }
    }

    /// The folded words of a query, in order, without empty ones.
    public static func terms(_ query: String) -> [String] {
        fold(query).split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
    }
}
