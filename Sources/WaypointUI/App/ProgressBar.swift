import TerminalKit

/// "████████░░░░░░  12,000 of 50,000": how far a long job has come.
enum ProgressBar {
    static func render(_ progress: JobProgress, into buffer: inout Buffer, area: Rect) {
        let label = "  \(progress.done.formatted) of \(progress.total.formatted)"
        let barWidth = max(0, area.width - DisplayWidth.of(label))
        let filled = progress.total > 0 ? barWidth * min(progress.done, progress.total) / progress.total : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
        buffer.write(bar + label, at: Position(x: area.x, y: area.y), style: Theme.heading, clip: area)
    }
}
