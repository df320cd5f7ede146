import Foundation
import ProcessKit

/// The family's plan on paper, through the printing system's own commands: `lpstat -d`
/// names the default printer and `lp` queues the job. Nothing is configured in Waypoint:
/// a workstation prints where its user already prints.
public enum PlanPrinter {
    /// Why a plan was not printed, in a sentence for the footer or the shell.
    public struct Refused: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Printing is local (a queue on this machine), so a minute is far beyond a healthy one.
    static let timeout = 60.0

    /// The default printer's name; refused, in words, when there is none or no printing system.
    public static func defaultPrinter() throws -> String {
        guard let lpstat = ProcessKit.onPath("lpstat"), ProcessKit.onPath("lp") != nil else {
            throw Refused(description: "Not printed: no printing system here (no `lp`); `x`, Enter saves it as a file.")
        }
        let result = try ProcessKit.run(lpstat, ["-d"], environment: ["LC_ALL": "C"], timeout: timeout)
        let output = String(decoding: result.stdout, as: UTF8.self)
        // "system default destination: Office" (CUPS); anything else means none is set.
        guard result.status == 0, let range = output.range(of: "system default destination:") else {
            throw Refused(description: "Not printed: no default printer is set; `lpoptions -d NAME` sets one.")
        }
        let name = output[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw Refused(description: "Not printed: the default printer has no name.") }
        return name
    }

    /// Sends `text` to the default printer under `title`, with its row in the audit trail;
    /// returns the printer and the request `lp` gave it ("Office (request Office-12)").
    /// The printer is asked for first, so a machine with none refuses before anything is
    /// recorded; the row is written before the text leaves (as for the terminal, see
    /// `withAudit`), so it records the sending, and `lp` failing after it is said plainly.
    public static func print(_ text: String, title: String, audit record: (String) throws -> Void) throws -> String {
        let printer = try defaultPrinter()
        try record(printer)
        return try send(text, title: title, to: printer)
    }

    static func send(_ text: String, title: String, to printer: String) throws -> String {
        guard let lp = ProcessKit.onPath("lp") else { throw Refused(description: "Not printed: no `lp` command here.") }
        let result = try ProcessKit.run(lp, ["-d", printer, "-t", title], environment: ["LC_ALL": "C"],
                                        input: Data(text.utf8), timeout: timeout)
        let said = (String(decoding: result.stderr, as: UTF8.self) + String(decoding: result.stdout, as: UTF8.self))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0 else {
            let reason = result.termination.timedOut ? "did not answer within \(Int(timeout)) seconds"
                : said.isEmpty ? "failed (exit \(result.status))" : "said: \(said.split(separator: "\n").first ?? "")"
            throw Refused(description: "Not printed: `lp` \(reason) (printer \(printer)).")
        }
        // "request id is Office-12 (1 file(s))"
        if let range = said.range(of: "request id is ") {
            let request = said[range.upperBound...].split(separator: " ").first.map(String.init) ?? ""
            return "\(printer) (request \(request))"
        }
        return printer
    }
}
