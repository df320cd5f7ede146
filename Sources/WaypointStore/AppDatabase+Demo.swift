import Foundation
import GRDB
import WaypointCore

extension AppDatabase {
    /// Fills an empty database with a generated district. Refuses a database that already has
    /// students (or a demo load under way), so demo names never mix with real ones.
    ///
    /// Written in short transactions (``ImportPacing``), so a counselor's save elsewhere
    /// waits at most about a second (issue 12), under an `import_batch` row: a load killed
    /// part-way is reported by `doctor` and at the next import (the district is generated
    /// in memory, so the rest cannot be applied later; the file is deleted and loaded again).
    public func loadDemoDistrict(_ district: DemoDistrict, plans: [StudentPlan] = [], sessions: [AdvisingSession] = [],
                                 abc: ABCBatch = ABCBatch(), interventions: [Intervention] = [],
                                 contacts: [DemoContacts.Entry] = [], colleges: [CollegeApplication] = [], transcript: [ImportedMark] = [],
                                 assessments: [AssessmentResult] = [],
                                 subjectAreas: [RequirementSetCatalog.SubjectArea] = [], today: CivilDate = CivilDate.today(),
                                 pacing: ImportPacing = .standard) throws {
        try validate(district, plans: plans)
        var schoolIds: [Int64] = []
        var counselorIds: [Int64] = []
        var studentIds: [Int64] = []
        var counselorOfStudent: [Int: Int64] = [:]
        var counts = ABCImportSummary()
        // ABC rows name students by index until here.
        func studentId(_ index: Int64) -> Int64? {
            Int(exactly: index).flatMap { studentIds.indices.contains($0) ? studentIds[$0] : nil }
        }
        // Each part of the district, record by record, in the order the chunks write them.
        let parts: [(count: Int, write: (Database, Int) throws -> Void)] = [
            (district.students.count, { db, index in
                var student = district.students[index]
                student.schoolId = schoolIds[Int(student.schoolId)]
                studentIds.append(try AppDatabase.insert(student, in: db).id!)
            }),
            (district.assignments.count, { db, index in
                let assignment = district.assignments[index]
                try CaseloadAssignment(counselorId: counselorIds[assignment.counselorIndex],
                                       studentId: studentIds[assignment.studentIndex])
                    .insert(db, onConflict: .ignore)
                counselorOfStudent[assignment.studentIndex] = counselorIds[assignment.counselorIndex]
            }),
            (plans.count, { db, index in
                let plan = plans[index]
                let index = Int(plan.studentId)
                var stored = plan
                stored.studentId = studentIds[index]
                try DemoPlanRows.insert(stored, authorId: counselorOfStudent[index] ?? counselorIds.first ?? 0, db: db)
            }),
            (abc.attendance.count, { db, index in
                var row = abc.attendance[index]
                guard let id = studentId(row.studentId) else { return }
                row.studentId = id
                try ABCRows.apply(row, db, counts: &counts.attendance)
            }),
            (abc.incidents.count, { db, index in
                var row = abc.incidents[index]
                guard let id = studentId(row.studentId) else { return }
                row.studentId = id
                try ABCRows.apply(row, db, counts: &counts.incidents)
            }),
            (abc.marks.count, { db, index in
                var row = abc.marks[index]
                guard let id = studentId(row.studentId) else { return }
                row.studentId = id
                try ABCRows.apply(row, db, counts: &counts.marks)
            }),
            (interventions.count, { db, index in
                let item = interventions[index]
                guard let id = studentId(item.studentId),
                      let owner = counselorOfStudent[Int(item.studentId)] ?? counselorIds.first else { return }
                try db.execute(sql: """
                    INSERT INTO intervention (studentId, kind, ownerId, goal, startDate, endDate, sessionsPerWeek,
                                              minutesPerSession, status, createdAt)
                    VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 'active', ?)
                    """, arguments: [id, item.kind, owner, item.goal, item.startDate.iso, item.sessionsPerWeek,
                                     item.minutesPerSession, item.createdAt])
            }),
            (contacts.count, { db, index in
                let entry = contacts[index]
                guard let id = studentId(Int64(entry.studentIndex)) else { return }
                let contact = entry.contact
                try db.execute(sql: """
                    INSERT INTO family_contact (givenName, familyName, relationship, phone, email, language)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [contact.givenName, contact.familyName, contact.relationship.rawValue, contact.phone,
                                     contact.email, contact.language])
                try db.execute(sql: "INSERT INTO student_contact (studentId, contactId, fromRoster) VALUES (?, ?, 0)",
                               arguments: [id, db.lastInsertedRowID])
            }),
            (assessments.count, { db, index in
                let result = assessments[index]
                guard let id = studentId(result.studentId) else { return }
                try db.execute(sql: """
                    INSERT INTO assessment_result (studentId, testId, takenOn, total, scores, source, recordedAt)
                    VALUES (?, ?, ?, ?, ?, 'import', ?)
                    """, arguments: [id, result.testId, result.date.iso, result.total, AssessmentRows.json(result.scores),
                                     result.date.iso + "T08:00:00Z"])
            }),
            (colleges.count, { db, index in
                var item = colleges[index]
                guard let id = studentId(item.studentId) else { return }
                item.studentId = id
                var row = CollegeApplicationRow(item, createdAt: Date())
                try row.insert(db)
            }),
            (sessions.count, { db, index in
                let session = sessions[index]
                guard let index = Int(exactly: session.studentId), studentIds.indices.contains(index),
                      let author = counselorOfStudent[index] ?? counselorIds.first else { return }
                var stored = session
                stored.studentId = studentIds[index]
                stored.authorId = author
                try db.execute(sql: """
                    INSERT INTO advising_session (studentId, authorId, startedAt, durationMinutes, kind, participants,
                                                  isConfidential, createdAt) VALUES (?, ?, ?, ?, ?, ?, 0, ?)
                    """, arguments: [stored.studentId, author, stored.startedAt, stored.durationMinutes, stored.kind,
                                     SessionRows.encode(stored.participants), stored.startedAt])
                let id = db.lastInsertedRowID
                try SessionRows.insertTopics(stored.topics, sessionId: id, db: db)
                try SessionRows.appendNote(stored.note, sessionId: id, authorId: author, at: stored.startedAt, db: db)
            }),
        ]
        let total = parts.reduce(0) { $0 + $1.count }
        let batchId = try write { db in
            let existing = try Student.fetchCount(db)
            guard existing == 0, try unfinishedDemo(db) == nil else { throw StoreError.databaseNotEmpty(studentCount: existing) }
            for school in district.schools {
                var school = school
                try school.insert(db)
                schoolIds.append(school.id!)
            }
            for counselor in district.counselors {
                var counselor = counselor
                try counselor.insert(db)
                counselorIds.append(counselor.id!)
            }
            return try ImportBatch.begin(db, .demo, source: "demo district", counselorId: nil, total: total, counts: counts)
        }
        var part = 0, index = 0, position = 0
        try inChunks(pacing, stage: "demo", partWay: PartWay.demo) { db, chunk in
            var count = 0
            while chunk.wants(count) {
                while part < parts.count, index == parts[part].count { part += 1; index = 0 }
                guard part < parts.count else { break }
                try parts[part].write(db, index)
                index += 1
                position += 1
                count += 1
            }
            try ImportBatch.advance(db, batchId, to: position, counts: counts)
            guard position == total else { return false }
            try recordAudit(db, AuditEntry(.loadedDemo, counselorId: nil, subject: "demo district",
                                           detail: "students: \(studentIds.count), counselors: \(counselorIds.count), schools: \(schoolIds.count)"))
            try ImportBatch.finish(db, batchId)
            return true
        }
        // The past years' courses, as `import transcript` would place them (`DemoPlans.transcript`).
        let marks = transcript.compactMap { mark -> ImportedMark? in
            guard let id = studentId(mark.studentId) else { return nil }
            var mark = mark
            mark.studentId = id
            return mark
        }
        if !marks.isEmpty { _ = try placeMarks(marks, subjectAreas: subjectAreas, today: today, audited: false) }
    }

    /// A broken district is refused before anything is written: the chunks commit as they go.
    private func validate(_ district: DemoDistrict, plans: [StudentPlan]) throws {
        for (index, student) in district.students.enumerated() {
            guard let school = Int(exactly: student.schoolId), district.schools.indices.contains(school) else {
                throw StoreError.invalidDemoDistrict(
                    "student \(index) refers to school \(student.schoolId), but there are \(district.schools.count)")
            }
        }
        for assignment in district.assignments {
            guard district.counselors.indices.contains(assignment.counselorIndex),
                  district.students.indices.contains(assignment.studentIndex) else {
                throw StoreError.invalidDemoDistrict(
                    "assignment of student \(assignment.studentIndex) to counselor \(assignment.counselorIndex) is out of range")
            }
        }
        for plan in plans {
            guard let index = Int(exactly: plan.studentId), district.students.indices.contains(index) else {
                throw StoreError.invalidDemoDistrict("a plan refers to student \(plan.studentId), but there are \(district.students.count)")
            }
        }
    }

    private func unfinishedDemo(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM import_batch WHERE kind = 'demo' AND state = 'applying'")
    }
}

extension AppDatabase {
    /// Writes a generated plan for `studentId` through the counselor's own writes (pathway,
    /// goals, courses, milestones and the rest, each audited and, when joined, captured), as
    /// a counselor would have typed it: the bench's hub templates and the sync tests' caseloads.
    public func writePlan(_ plan: StudentPlan, studentId: Int64, by counselorId: Int64, today: CivilDate) throws {
        if let pathway = plan.pathwayId {
            try setPathway(studentId: studentId, to: pathway, reason: "Chosen with the family", by: counselorId)
        }
        try setGoals(studentId: studentId, plan.goals, by: counselorId)
        for var course in plan.courses {
            (course.id, course.studentId) = (nil, studentId)
            try addCourse(course, by: counselorId)
        }
        for var milestone in plan.milestones {
            milestone.studentId = studentId
            try setMilestone(milestone, today: today, by: counselorId)
        }
        for var item in plan.workBasedLearning {
            (item.id, item.studentId) = (nil, studentId)
            try addWorkBasedLearning(item, by: counselorId)
        }
        for var item in plan.collegeCredits {
            (item.id, item.studentId) = (nil, studentId)
            try addCollegeCredit(item, by: counselorId)
        }
        for var item in plan.certifications {
            (item.id, item.studentId) = (nil, studentId)
            try addCertification(item, by: counselorId)
        }
        for var item in plan.evidence {
            (item.id, item.studentId) = (nil, studentId)
            try addEvidence(item, by: counselorId)
        }
    }
}
