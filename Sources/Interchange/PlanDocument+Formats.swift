import Foundation
import TerminalKit
import WaypointCore

/// The formats a plan is exported in.
public enum PlanFormat: String, CaseIterable, Sendable {
    case text, markdown, html, json

    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .markdown: "md"
        case .html: "html"
        case .json: "json"
        }
    }
}

extension PlanDocument {
    /// The document in `format`, through that format's output policy (see
    /// `Sanitizer+Formats.swift`): safe to print or to open, whatever the data holds.
    public func rendered(as format: PlanFormat) throws -> String {
        switch format {
        case .text: return text
        case .markdown: return markdown
        case .html: return html
        case .json: return try JSONOutput.text(self)
        }
    }

    private var headline: [String] {
        [
            "Student: \(studentName) (ID \(studentId)), grade \(grade), \(school)",
            "Counselor: " + (counselors.isEmpty ? "not assigned" : counselors.joined(separator: ", ")),
            "Pathway: " + (pathway ?? "not chosen yet") + (programOfStudy.isEmpty ? "" : " (courses: \(programOfStudy.joined(separator: ", ")))"),
            "After high school: \(postsecondaryGoal)" + (careerInterests.isEmpty ? "" : "; interested in \(careerInterests.joined(separator: ", "))"),
            "Prepared on \(preparedOn)",
        ]
    }

    private var status: String {
        guard judgesCredits else { return "Graduation credits are counted from grade \(PlanYears.firstCreditGrade)." }
        return onTrack ? "The plan meets every graduation requirement (\(requirementSet))."
            : "The plan does not yet cover every graduation requirement (\(requirementSet)); what is missing is listed below."
    }

    private func courseLine(_ course: Course) -> String {
        var parts = ["\(course.title) (\(course.subject), \(PlanDocument.number(course.credits)) credit\(course.credits == 1 ? "" : "s")"]
        if course.level != "Standard" { parts.append(course.level) }
        parts.append(course.status + (course.mark.map { ", \($0)" } ?? "") + (course.failed ? ", no credit earned" : ""))
        return parts.joined(separator: ", ") + ")"
    }

    private func milestoneLine(_ milestone: Milestone) -> String {
        var line = "Grade \(milestone.grade): \(milestone.title): \(milestone.status)"
        if let due = milestone.due, milestone.status == "not started" || milestone.status == "in progress" {
            line += ", due \(due)" + (milestone.overdue ? " (overdue)" : "")
        }
        if let completed = milestone.completed { line += " on \(completed)" }
        if let evidence = milestone.evidence { line += " (\(evidence))" }
        return line
    }

    /// Plain text for email or a plain printer; each line sanitized like a terminal row, so
    /// the file is as safe to `cat` as the command's own output.
    public var text: String {
        var lines = ["COLLEGE AND CAREER PLAN", ""] + headline + ["", status, ""]
        lines.append("GRADUATION REQUIREMENTS")
        lines += requirementLines.map { "  " + $0 }
        for year in years {
            lines += ["", "GRADE \(year.grade) (\(PlanDocument.number(year.credits)) credits)"]
            lines += year.courses.isEmpty ? ["  no courses planned yet"] : year.courses.map { "  " + courseLine($0) }
        }
        lines += ["", "MILESTONES"] + milestones.map { "  " + milestoneLine($0) }
        if !entries.isEmpty {
            lines += ["", "WORK-BASED LEARNING AND CREDENTIALS"] + entries.map { "  \($0.kind): \($0.text) (\($0.detail))" }
        }
        if !pathwayHistory.isEmpty { lines += ["", "PATHWAY CHANGES"] + pathwayHistory.map { "  " + $0 } }
        return lines.map(Sanitizer.sanitize).joined(separator: "\n") + "\n"
    }

    public var markdown: String {
        // Every line made from data is escaped: a title is never a link, an image or HTML.
        let m = Sanitizer.markdown
        var lines = ["# College and career plan: \(m(studentName))", ""] + headline.map { "- \(m($0))" } + ["", "**\(m(status))**", ""]
        lines += ["## Graduation requirements", ""] + requirementLines.map { "- \(m($0))" }
        for year in years {
            lines += ["", "## Grade \(year.grade) (\(PlanDocument.number(year.credits)) credits)", ""]
            lines += year.courses.isEmpty ? ["- no courses planned yet"] : year.courses.map { "- " + m(courseLine($0)) }
        }
        lines += ["", "## Milestones", ""] + milestones.map { "- " + m(milestoneLine($0)) }
        if !entries.isEmpty {
            lines += ["", "## Work-based learning and credentials", ""] + entries.map { "- " + m("\($0.kind): \($0.text) (\($0.detail))") }
        }
        if !pathwayHistory.isEmpty { lines += ["", "## Pathway changes", ""] + pathwayHistory.map { "- \(m($0))" } }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One page or two on paper: compact type, years in a grid, nothing that needs a screen.
    public var html: String {
        let e = Sanitizer.html
        var body = "<h1>College and career plan: \(e(studentName))</h1>\n<ul class=\"meta\">"
        body += headline.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        body += "<p class=\"status \(onTrack ? "ok" : "short")\">\(e(status))</p>\n"
        body += "<h2>Graduation requirements</h2>\n<ul>" + requirementLines.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        body += "<div class=\"years\">\n"
        for year in years {
            body += "<section><h3>Grade \(e(year.grade)) · \(PlanDocument.number(year.credits)) credits</h3><ul>"
            body += year.courses.isEmpty ? "<li>no courses planned yet</li>" : year.courses.map { "<li>\(e(courseLine($0)))</li>" }.joined()
            body += "</ul></section>\n"
        }
        body += "</div>\n<h2>Milestones</h2>\n<ul class=\"milestones\">"
        body += milestones.map { "<li class=\"\($0.overdue ? "overdue" : "")\">\(e(milestoneLine($0)))</li>" }.joined() + "</ul>\n"
        if !entries.isEmpty {
            body += "<h2>Work-based learning and credentials</h2>\n<ul>"
            body += entries.map { "<li>\(e("\($0.kind): \($0.text) (\($0.detail))"))</li>" }.joined() + "</ul>\n"
        }
        if !pathwayHistory.isEmpty {
            body += "<h2>Pathway changes</h2>\n<ul>" + pathwayHistory.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Plan: \(e(studentName))</title>
            <style>
            @page { size: letter; margin: 1.5cm; }
            body { font: 10.5pt/1.35 Georgia, serif; color: #111; max-width: 48em; margin: auto; }
            h1 { font-size: 16pt; margin: 0 0 .3em; } h2 { font-size: 12pt; margin: 1em 0 .3em; border-bottom: 1px solid #999; }
            h3 { font-size: 10.5pt; margin: 0 0 .2em; } ul { margin: .2em 0; padding-left: 1.2em; } .meta { list-style: none; padding: 0; }
            .years { display: grid; grid-template-columns: 1fr 1fr; gap: .6em 1.2em; margin-top: .8em; }
            .years section { break-inside: avoid; } .status { font-weight: bold; } .short, .overdue { color: #a00; }
            .milestones { columns: 2; column-gap: 1.5em; } li { break-inside: avoid; }
            </style></head>
            <body>
            \(body)</body></html>

            """
    }
}
