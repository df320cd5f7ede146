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
        let w = words
        var pathwayLine = w("plan.pathway", ["pathway": pathway ?? w("plan.noPathway")])
        if !programOfStudy.isEmpty { pathwayLine += " (" + w("plan.programOfStudy", ["courses": programOfStudy.joined(separator: ", ")]) + ")" }
        var goalLine = w("plan.goal", ["goal": postsecondaryGoal])
        if !careerInterests.isEmpty { goalLine += "; " + w("plan.interests", ["interests": careerInterests.joined(separator: ", ")]) }
        return [
            w("plan.student", ["name": studentName, "id": studentId, "grade": grade, "school": school]),
            w("plan.counselor", ["names": counselors.isEmpty ? w("plan.noCounselor") : counselors.joined(separator: ", ")]),
            pathwayLine,
            goalLine,
            w("plan.preparedOn", ["date": preparedOn]),
        ]
    }

    private var status: String {
        guard judgesCredits else { return words("plan.creditsFromGrade", ["grade": String(PlanYears.firstCreditGrade)]) }
        return words(onTrack ? "plan.meetsEveryRequirement" : "plan.missesRequirements", ["set": requirementSet])
    }

    private func courseLine(_ course: Course) -> String {
        var parts = ["\(course.title) (\(course.subject), \(PlanDocument.credits(course.credits, words: words))"]
        if let level = course.level { parts.append(level) }
        parts.append(course.status + (course.mark.map { ", \($0)" } ?? "") + (course.failed ? ", " + words("course.noCreditEarned") : ""))
        return parts.joined(separator: ", ") + ")"
    }

    private func milestoneLine(_ milestone: Milestone) -> String {
        var line = "\(words("plan.grade", ["grade": milestone.grade])): \(milestone.title): \(milestone.status)"
        if let due = milestone.due, milestone.isOpen {
            line += ", " + words("milestone.due", ["date": due]) + (milestone.overdue ? " (\(words("milestone.overdue")))" : "")
        }
        if let completed = milestone.completed { line += " " + words("milestone.doneOn", ["date": completed]) }
        if let evidence = milestone.evidence { line += " (\(evidence))" }
        return line
    }

    private func yearHeading(_ year: Year) -> String {
        words("plan.grade", ["grade": year.grade])
    }

    private func yearCredits(_ year: Year) -> String {
        PlanDocument.credits(year.credits, words: words)
    }

    /// Plain text for email or a plain printer; each line sanitized like a terminal row, so
    /// the file is as safe to `cat` as the command's own output.
    public var text: String {
        let w = words
        var lines = [w("plan.title").uppercased(), ""] + headline + ["", status, ""]
        // Below grade 9 there is nothing to list: the status line says so.
        if !requirementLines.isEmpty {
            lines.append(w("plan.requirements").uppercased())
            lines += requirementLines.map { "  " + $0 }
        }
        for year in years {
            lines += ["", "\(yearHeading(year).uppercased()) (\(yearCredits(year)))"]
            lines += year.courses.isEmpty ? ["  " + w("plan.noCoursesYet")] : year.courses.map { "  " + courseLine($0) }
        }
        lines += ["", w("plan.milestones").uppercased()] + milestones.map { "  " + milestoneLine($0) }
        if !entries.isEmpty {
            lines += ["", w("plan.entries").uppercased()] + entries.map { "  \($0.kind): \($0.text) (\($0.detail))" }
        }
        if !pathwayHistory.isEmpty { lines += ["", w("plan.pathwayChanges").uppercased()] + pathwayHistory.map { "  " + $0 } }
        return lines.map(Sanitizer.sanitize).joined(separator: "\n") + "\n"
    }

    public var markdown: String {
        // Every line made from data is escaped: a title is never a link, an image or HTML.
        let m = Sanitizer.markdown, w = words
        var lines = ["# \(m(w("plan.title"))): \(m(studentName))", ""] + headline.map { "- \(m($0))" } + ["", "**\(m(status))**", ""]
        if !requirementLines.isEmpty {
            lines += ["## \(m(w("plan.requirements")))", ""] + requirementLines.map { "- \(m($0))" }
        }
        for year in years {
            lines += ["", "## \(m(yearHeading(year))) (\(m(yearCredits(year))))", ""]
            lines += year.courses.isEmpty ? ["- " + m(w("plan.noCoursesYet"))] : year.courses.map { "- " + m(courseLine($0)) }
        }
        lines += ["", "## \(m(w("plan.milestones")))", ""] + milestones.map { "- " + m(milestoneLine($0)) }
        if !entries.isEmpty {
            lines += ["", "## \(m(w("plan.entries")))", ""] + entries.map { "- " + m("\($0.kind): \($0.text) (\($0.detail))") }
        }
        if !pathwayHistory.isEmpty { lines += ["", "## \(m(w("plan.pathwayChanges")))", ""] + pathwayHistory.map { "- \(m($0))" } }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One page or two on paper: compact type, years in a grid, nothing that needs a screen.
    public var html: String {
        let e = Sanitizer.html, w = words
        var body = "<h1>\(e(w("plan.title"))): \(e(studentName))</h1>\n<ul class=\"meta\">"
        body += headline.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        body += "<p class=\"status \(onTrack ? "ok" : "short")\">\(e(status))</p>\n"
        if !requirementLines.isEmpty {
            body += "<h2>\(e(w("plan.requirements")))</h2>\n<ul>" + requirementLines.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        }
        body += "<div class=\"years\">\n"
        for year in years {
            body += "<section><h3>\(e(yearHeading(year))) · \(e(yearCredits(year)))</h3><ul>"
            body += year.courses.isEmpty ? "<li>\(e(w("plan.noCoursesYet")))</li>" : year.courses.map { "<li>\(e(courseLine($0)))</li>" }.joined()
            body += "</ul></section>\n"
        }
        body += "</div>\n<h2>\(e(w("plan.milestones")))</h2>\n<ul class=\"milestones\">"
        body += milestones.map { "<li class=\"\($0.overdue ? "overdue" : "")\">\(e(milestoneLine($0)))</li>" }.joined() + "</ul>\n"
        if !entries.isEmpty {
            body += "<h2>\(e(w("plan.entries")))</h2>\n<ul>"
            body += entries.map { "<li>\(e("\($0.kind): \($0.text) (\($0.detail))"))</li>" }.joined() + "</ul>\n"
        }
        if !pathwayHistory.isEmpty {
            body += "<h2>\(e(w("plan.pathwayChanges")))</h2>\n<ul>" + pathwayHistory.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(e(language))"><head><meta charset="utf-8"><title>\(e(w("plan.pageTitle", ["name": studentName])))</title>
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
