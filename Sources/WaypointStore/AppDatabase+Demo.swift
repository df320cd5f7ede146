import GRDB
import WaypointCore

extension AppDatabase {
    /// Fills an empty database with a generated district, all or nothing (one transaction).
    /// Refuses a database that already has students, so demo names never mix with real ones.
    public func loadDemoDistrict(_ district: DemoDistrict, plans: [StudentPlan] = [], sessions: [AdvisingSession] = [],
                                 abc: ABCBatch = ABCBatch(), interventions: [Intervention] = []) throws {
        try write { db in
            let existing = try Student.fetchCount(db)
            guard existing == 0 else { throw StoreError.databaseNotEmpty(studentCount: existing) }

            var schoolIds: [Int64] = []
            for school in district.schools {
                var school = school
                try school.insert(db)
                schoolIds.append(school.id!)
            }
            var counselorIds: [Int64] = []
            for counselor in district.counselors {
                var counselor = counselor
                try counselor.insert(db)
                counselorIds.append(counselor.id!)
            }
            var studentIds: [Int64] = []
            for (index, student) in district.students.enumerated() {
                guard let schoolIndex = Int(exactly: student.schoolId), schoolIds.indices.contains(schoolIndex) else {
                    throw StoreError.invalidDemoDistrict(
                        "student \(index) refers to school \(student.schoolId), but there are \(schoolIds.count)")
                }
                var student = student
                student.schoolId = schoolIds[schoolIndex]
                studentIds.append(try AppDatabase.insert(student, in: db).id!)
            }
            for assignment in district.assignments {
                guard counselorIds.indices.contains(assignment.counselorIndex),
                      studentIds.indices.contains(assignment.studentIndex) else {
                    throw StoreError.invalidDemoDistrict(
                        "assignment of student \(assignment.studentIndex) to counselor "
                            + "\(assignment.counselorIndex) is out of range")
                }
                try CaseloadAssignment(counselorId: counselorIds[assignment.counselorIndex],
                                       studentId: studentIds[assignment.studentIndex])
                    .insert(db, onConflict: .ignore)
            }
            var counselorOfStudent: [Int: Int64] = [:]
            for assignment in district.assignments {
                counselorOfStudent[assignment.studentIndex] = counselorIds[assignment.counselorIndex]
            }
            for plan in plans {
                guard let index = Int(exactly: plan.studentId), studentIds.indices.contains(index) else {
                    throw StoreError.invalidDemoDistrict("a plan refers to student \(plan.studentId), but there are \(studentIds.count)")
                }
                var stored = plan
                stored.studentId = studentIds[index]
                try DemoPlanRows.insert(stored, authorId: counselorOfStudent[index] ?? counselorIds.first ?? 0, db: db)
            }
            // ABC rows name students by index until here.
            func studentId(_ index: Int64) -> Int64? {
                Int(exactly: index).flatMap { studentIds.indices.contains($0) ? studentIds[$0] : nil }
            }
            var counts = ABCImportSummary()
            for var row in abc.attendance {
                guard let id = studentId(row.studentId) else { continue }
                row.studentId = id
                try ABCRows.apply(row, db, counts: &counts.attendance)
            }
            for var row in abc.incidents {
                guard let id = studentId(row.studentId) else { continue }
                row.studentId = id
                try ABCRows.apply(row, db, counts: &counts.incidents)
            }
            for var row in abc.marks {
                guard let id = studentId(row.studentId) else { continue }
                row.studentId = id
                try ABCRows.apply(row, db, counts: &counts.marks)
            }
            for item in interventions {
                guard let id = studentId(item.studentId),
                      let owner = counselorOfStudent[Int(item.studentId)] ?? counselorIds.first else { continue }
                try db.execute(sql: """
                    INSERT INTO intervention (studentId, kind, ownerId, goal, startDate, endDate, sessionsPerWeek,
                                              minutesPerSession, status, createdAt)
                    VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 'active', ?)
                    """, arguments: [id, item.kind, owner, item.goal, item.startDate.iso, item.sessionsPerWeek,
                                     item.minutesPerSession, item.createdAt])
            }
            for session in sessions {
                guard let index = Int(exactly: session.studentId), studentIds.indices.contains(index),
                      let author = counselorOfStudent[index] ?? counselorIds.first else { continue }
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
            }
            try recordAudit(db, AuditEntry(.loadedDemo, counselorId: nil, subject: "demo district",
                                           detail: "students: \(studentIds.count), counselors: \(counselorIds.count), schools: \(schoolIds.count)"))
        }
    }
}
