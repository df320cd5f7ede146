import TerminalKit
import WaypointCore

/// The profile's ABCs line: the shared line with each trend drawn as a sparkline.
enum ABCSummaryText {
    static func line(_ data: ProfileData, ascii: Bool) -> String {
        ABCSummaryLine.text(attendance: data.attendance, incidents: data.incidents, marks: data.marks) { values, range in
            Sparkline.text(values, range: range, ascii: ascii)
        }
    }
}
