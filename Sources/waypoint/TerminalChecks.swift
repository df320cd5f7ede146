import CursesBackend
import Foundation

/// The terminal's checks: what the interactive screen will do here, and why.
enum TerminalChecks {
    static func run(environment: [String: String], outputIsTerminal: Bool) -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        // Not on a terminal (doctor piped or run by a script), what TERM says is only advice.
        func unusable(_ text: String, fix: String) -> DoctorFinding {
            outputIsTerminal ? .problem(text, fix: fix) : .warning(text, fix: fix)
        }
        if outputIsTerminal {
            findings.append(.ok("standard output is a terminal"))
        } else {
            findings.append(.warning("standard output is not a terminal, so the interactive screen would not start here; "
                + "the subcommands work", fix: "run `waypoint doctor` in the terminal you use Waypoint in"))
        }
        let term = environment["TERM"] ?? ""
        if term.isEmpty {
            findings.append(unusable("TERM is not set: the screen cannot know how to draw",
                                     fix: "set TERM to your terminal's type, e.g. `export TERM=xterm-256color`"))
        } else if term == "dumb" {
            findings.append(unusable("TERM=dumb cannot draw a screen; Waypoint will say so and point to the command line",
                                     fix: "use a full terminal (xterm, tmux, the Linux console) or the subcommands"))
        } else {
            switch TerminalDescription.of(term) {
            case .usable(let count):
                findings.append(colours(term: term, count: count, environment: environment))
            case .cannotMoveCursor:
                findings.append(unusable("TERM=\(term) cannot move the cursor, so it cannot draw a screen",
                                         fix: "use a full terminal (xterm, tmux, the Linux console) or the subcommands"))
            case .unknown:
                findings.append(unusable("TERM=\(term) has no terminfo entry on this machine",
                                         fix: "install it (Debian: `apt-get install ncurses-term`) or set TERM=xterm-256color"))
            }
        }
        findings.append(locale(environment))
        return findings
    }

    private static func colours(term: String, count: Int?, environment: [String: String]) -> DoctorFinding {
        let found = "TERM=\(term): terminfo entry found"
        if !(environment["NO_COLOR"] ?? "").isEmpty {
            return .ok("\(found); NO_COLOR is set, so Waypoint draws without colours (selection in reverse video)")
        }
        guard let count, count >= 8 else {
            return .ok("\(found), no colours: Waypoint draws in monochrome (selection in reverse video)")
        }
        return .ok("\(found), \(count) colours")
    }

    private static func locale(_ environment: [String: String]) -> DoctorFinding {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { key in
            environment[key].flatMap { $0.isEmpty ? nil : "\(key)=\($0)" }
        }.first
        let isUTF8 = name.map { $0.lowercased().replacingOccurrences(of: "-", with: "").contains("utf8") } ?? false
        if isUTF8 { return .ok("locale \(name!): UTF-8, names in every script are drawn") }
        let fallback = setlocale(LC_CTYPE, "C.UTF-8") != nil
        setlocale(LC_CTYPE, "")
        let current = name ?? "not set"
        if fallback {
            return .ok("locale \(current) is not UTF-8; Waypoint switches to C.UTF-8 for the screen, so names still draw right")
        }
        return .warning("locale \(current) is not UTF-8 and C.UTF-8 is not installed: names outside ASCII may draw wrongly",
                        fix: "install a UTF-8 locale (Debian: `apt-get install locales`) and set LANG=C.UTF-8")
    }
}
