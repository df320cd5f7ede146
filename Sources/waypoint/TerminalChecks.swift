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
        } else if let entry = Terminfo.find(term, environment: environment) {
            findings.append(colours(term: term, entry: entry, environment: environment))
        } else {
            findings.append(unusable("TERM=\(term) has no terminfo entry on this machine",
                                     fix: "install it (Debian: `apt-get install ncurses-term`) or set TERM=xterm-256color"))
        }
        findings.append(locale(environment))
        return findings
    }

    private static func colours(term: String, entry: Terminfo.Entry, environment: [String: String]) -> DoctorFinding {
        let found = "TERM=\(term): terminfo \(entry.path)"
        if !(environment["NO_COLOR"] ?? "").isEmpty {
            return .ok("\(found); NO_COLOR is set, so Waypoint draws without colours (selection in reverse video)")
        }
        guard let count = entry.colours, count >= 8 else {
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

/// Finds a terminal's compiled terminfo entry the way ncurses does, without loading
/// curses (doctor must not touch the terminal), and reads its colour count.
enum Terminfo {
    struct Entry {
        var path: String
        /// `colors`, when the entry has it.
        var colours: Int?
    }

    static func find(_ term: String, environment: [String: String]) -> Entry? {
        guard !term.contains("/"), let first = term.first else { return nil }
        var folders: [String] = []
        if let own = environment["TERMINFO"], !own.isEmpty { folders.append(own) }
        if let home = environment["HOME"] { folders.append(home + "/.terminfo") }
        let defaults = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"]
        for folder in (environment["TERMINFO_DIRS"] ?? "").split(separator: ":", omittingEmptySubsequences: false) {
            folders += folder.isEmpty ? defaults : [String(folder)]
        }
        folders += defaults
        let hex = String(format: "%02x", first.asciiValue ?? 0)
        for folder in folders {
            for subfolder in [String(first), hex] {
                let path = "\(folder)/\(subfolder)/\(term)"
                if let data = FileManager.default.contents(atPath: path) {
                    return Entry(path: path, colours: colours(in: data))
                }
            }
        }
        return nil
    }

    /// The `colors` number (index 13) of a compiled entry: legacy (16-bit numbers, magic
    /// 0432) or extended (32-bit, magic 01036), per term(5).
    static func colours(in data: Data) -> Int? {
        let bytes = [UInt8](data)
        func short(_ offset: Int) -> Int? {
            guard offset + 1 < bytes.count else { return nil }
            return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
        }
        guard let magic = short(0), magic == 0o432 || magic == 0o1036,
              let namesSize = short(2), let booleans = short(4), let numbers = short(6) else { return nil }
        let width = magic == 0o432 ? 2 : 4
        let colorsIndex = 13
        guard numbers > colorsIndex else { return nil }
        var offset = 12 + namesSize + booleans
        if offset % 2 == 1 { offset += 1 }
        offset += colorsIndex * width
        guard offset + width <= bytes.count else { return nil }
        var value = 0
        for index in 0..<width { value |= Int(bytes[offset + index]) << (8 * index) }
        let absent = width == 2 ? 0xFFFF : 0xFFFF_FFFF
        let cancelled = width == 2 ? 0xFFFE : 0xFFFF_FFFE
        return value == absent || value == cancelled ? nil : value
    }
}
