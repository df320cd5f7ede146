import WaypointCore

/// A bulk roster of `students` students (u1, u2, … with local IDs R1, R2, …) at one school,
/// all on counselor c1's caseload, with the family `contacts` given.
func rosterOfOneSchool(students: Int, contacts: [RosterContact] = []) -> RosterBundle {
    RosterBundle(version: "1.2", orgsMode: .bulk, usersMode: .bulk, demographicsMode: .absent,
                 schools: [RosterSchool(sourcedId: "org1", name: "Riverside High", parentSourcedId: nil)],
                 students: (1...students).map {
                     RosterStudent(sourcedId: "u\($0)", localId: "R\($0)", givenName: "Student", middleName: nil,
                                   familyName: "Number \($0)", preferredName: nil, grade: Grade(rawValue: 9),
                                   schoolSourcedId: "org1", demographics: nil, isActive: true)
                 },
                 counselors: [RosterCounselor(sourcedId: "c1", username: nil, givenName: "Dana", familyName: "Whitfield",
                                              email: nil, isActive: true)],
                 caseloads: (1...students).map { RosterCaseload(counselorSourcedId: "c1", studentSourcedId: "u\($0)") },
                 contacts: contacts)
}
