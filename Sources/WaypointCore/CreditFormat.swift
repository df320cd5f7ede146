import Foundation

/// Credits as a counselor writes them: "2", "2.5", "0.25", never "2.0".
public enum CreditFormat {
    public static func text(_ credits: Double) -> String {
        guard credits.isFinite else { return String(credits) }
        let hundredths = (credits * 100).rounded()
        if hundredths.truncatingRemainder(dividingBy: 100) == 0 { return String(Int(hundredths / 100)) }
        var text = String(format: "%.2f", hundredths / 100)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// "1 credit", "2 credits", "0.5 credits".
    public static func credits(_ credits: Double) -> String {
        "\(text(credits)) \(credits == 1 ? "credit" : "credits")"
    }
}
