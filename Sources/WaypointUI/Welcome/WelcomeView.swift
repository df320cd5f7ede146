import TerminalKit

/// First run on an empty database: what Waypoint is and how to get data into it.
enum WelcomeView {
    static func render(_ state: AppState, into buffer: inout Buffer, chrome: ScreenLayout.Chrome) {
        TitleBar.render("Waypoint · Welcome", into: &buffer, area: chrome.title)
        let area = chrome.body.inset(horizontal: 3, vertical: 1)
        var y = area.y
        func line(_ text: String, style: Style = .plain, indent: Int = 0) {
            guard y < area.maxY else { return }
            let rect = Rect(x: area.x + indent, y: y, width: area.width - indent, height: area.maxY - y)
            y += max(1, Paragraph.render(text, into: &buffer, area: rect, style: style))
        }
        line("Welcome to Waypoint", style: Theme.heading)
        y += 1
        line("Find any student in a keystroke or two and browse your caseload, on this computer, without a network.")
        y += 1
        line("This database has no students yet:", style: Theme.muted)
        line(state.databasePath, style: Theme.muted, indent: 2)
        y += 1
        keyLine("d", "Load the demo district: fictional high, middle and elementary schools and their counselors, to try every screen. Nothing real is touched.", &y, area, &buffer)
        y += 1
        keyLine("i", "Import your roster: the OneRoster CSV folder from your student information system (or from the shell: waypoint import oneroster FOLDER, with --dry-run to look first).", &y, area, &buffer)
        y += 1
        keyLine("q", "Quit", &y, area, &buffer)
        if state.isBusy {
            y += 1
            line(state.status?.text ?? "Working…", style: Theme.heading)
            if let progress = state.progress, y < area.maxY {
                ProgressBar.render(progress, into: &buffer, area: Rect(x: area.x, y: y, width: min(60, area.width), height: 1))
                y += 1
            }
            if y < area.maxY { line("Esc or q stops it; nothing is written then.", style: Theme.muted) }
        }
    }

    private static func keyLine(_ key: String, _ text: String, _ y: inout Int, _ area: Rect, _ buffer: inout Buffer) {
        guard y < area.maxY else { return }
        buffer.write(key, at: Position(x: area.x, y: y), style: Theme.key)
        let rect = Rect(x: area.x + 4, y: y, width: area.width - 4, height: area.maxY - y)
        y += max(1, Paragraph.render(text, into: &buffer, area: rect))
    }
}
