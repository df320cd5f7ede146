import Foundation
import TerminalKit

/// One line on stderr that a long job rewrites in place: "Applying 12,000 of 50,000
/// (8,400/s, about 4 s left)". Silent when stderr is not a terminal, so scripts and logs
/// get only the result.
final class ProgressLine {
    private let label: String
    let started = Date()
    private let enabled = isatty(STDERR_FILENO) == 1
    private var shown = false

    init(_ label: String) {
        self.label = label
    }

    func update(done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        let elapsed = max(0.001, Date().timeIntervalSince(started))
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - done) / rate : 0
        let text = "\(label) \(done.grouped) of \(total.grouped) (\(Int(rate).grouped)/s, about \(Int(left.rounded(.up))) s left)"
        FileHandle.standardError.write(Data("\r\u{1B}[K\(Sanitizer.sanitize(text))".utf8))
        shown = true
    }

    /// Shows the label alone, for a step that reports no counts.
    func show() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(Sanitizer.sanitize(label))".utf8))
        shown = true
    }

    /// Clears the line; the caller prints the result.
    func finish() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

extension Int {
    /// 50000 -> "50,000".
    var grouped: String {
        let digits = Array(String(abs(self)))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (self < 0 ? "-" : "") + result
    }
}
