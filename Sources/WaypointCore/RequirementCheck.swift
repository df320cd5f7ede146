import Foundation

/// Checks a plan's courses against a graduation requirement set.
///
/// Credits are counted the way a registrar does: a course's credits go to the first
/// requirement accepting its subject that still has room, then the next, and whatever is
/// left over counts as electives, so a fourth year of science is not wasted. Earned credits
/// are placed first, then in-progress, then planned ones, so a requirement shows what is
/// already done before what is hoped for. A failed course earns nothing and satisfies no
/// named course.
public enum RequirementCheck {
    public static func check(_ courses: [PlannedCourse], against set: RequirementSet) -> RequirementReport {
        var tallies = set.subjects.map { CreditTally(required: $0.credits) }
        var electives = CreditTally(required: set.electiveCredits)
        var total = CreditTally(required: set.totalCredits)
        let counting = courses.filter { !$0.isFailed }

        for status in [CourseStatus.completed, .inProgress, .planned] {
            for course in counting where course.status == status {
                var remaining = course.credits
                for (index, requirement) in set.subjects.enumerated()
                where remaining > 0 && requirement.accepts.contains(course.subject) {
                    let taken = min(remaining, max(0, tallies[index].required - tallies[index].scheduled))
                    add(taken, status, to: &tallies[index])
                    remaining -= taken
                }
                add(remaining, status, to: &electives)
                add(course.credits, status, to: &total)
            }
        }

        let subjects = set.subjects.enumerated().map { index, requirement in
            let accepted = counting.filter { requirement.accepts.contains($0.subject) }
            let scheduledInAreas = accepted.reduce(0) { $0 + $1.credits }
            return SubjectProgress(
                id: requirement.id, title: requirement.title, credits: tallies[index],
                missingCourses: requirement.namedCourses.filter { title in
                    !counting.contains { matches($0, title, code: requirement.namedCodes[title]) }
                },
                pendingCourses: requirement.namedCourses.filter { title in
                    let code = requirement.namedCodes[title]
                    return !counting.contains { matches($0, title, code: code) && $0.status == .completed }
                        && counting.contains { matches($0, title, code: code) }
                },
                overPlanned: scheduledInAreas - requirement.credits > fullYearOfSubject + CreditTally.tolerance)
        }

        let endorsements = set.endorsements.map { endorsement in
            EndorsementProgress(
                id: endorsement.id, title: endorsement.title,
                subjects: endorsement.subjects.map { subject in
                    var tally = CreditTally(required: subject.credits)
                    for course in counting where course.subject == subject.id {
                        add(course.credits, course.status, to: &tally)
                    }
                    return EndorsementProgress.Subject(id: subject.id, title: subject.title, credits: tally)
                },
                total: endorsement.totalCredits.map { required in
                    var endorsementTotal = total
                    endorsementTotal.required = required
                    return endorsementTotal
                })
        }

        return RequirementReport(
            setId: set.id, setTitle: set.title, subjects: subjects, electives: electives, total: total,
            endorsements: endorsements,
            overPlanned: total.scheduled - set.totalCredits > set.totalCredits / 4 + CreditTally.tolerance)
    }

    /// A subject is over-planned when it has more than one extra year-long course in it.
    static let fullYearOfSubject = 1.0

    /// Named courses match as imported marks do (`CourseMarks.sameCourse`): "algebra 1" and
    /// "Algebra I" are the same course, and a plan course titled by the catalog code of a
    /// course named by code is that course.
    static func matches(_ course: PlannedCourse, _ title: String, code: String?) -> Bool {
        CourseMarks.sameCourse(course.title, code: code ?? title, title: title)
    }

    private static func add(_ credits: Double, _ status: CourseStatus, to tally: inout CreditTally) {
        guard credits > 0 else { return }
        switch status {
        case .completed: tally.earned += credits
        case .inProgress: tally.inProgress += credits
        case .planned: tally.planned += credits
        }
    }
}
