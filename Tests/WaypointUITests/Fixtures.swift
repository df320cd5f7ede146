import TerminalKit
import WaypointCore
@testable import WaypointUI

/// A small, fixed caseload for reducer and screen tests: names in several scripts.
enum Fixtures {
    static let counselors = [
        Counselor(id: 1, sourcedId: "c1", givenName: "Ana", familyName: "Rivera", email: "arivera@example.org"),
        Counselor(id: 2, sourcedId: "c2", givenName: "Marcus", familyName: "Okafor", email: "mokafor@example.org"),
    ]

    static let names: [(String, String, String?)] = [
        ("Nguyễn", "Minh Anh", nil), ("García-López", "Sofía", "Sofi"), ("王", "伟", nil),
        ("O'Brien", "Liam", nil), ("김", "민준", "MJ"), ("Шевченко", "Олена", nil),
        ("Abdi", "Hodan", nil), ("Zoe\u{0308}ller", "Mila", nil), ("Patel", "Priya", nil),
        ("Wójcik", "Łukasz", nil), ("Haddad", "Yusuf", nil), ("Tanaka", "Sakura", nil),
        ("Okonkwo", "Chidi", nil), ("Papadopoulos", "Eleni", nil), ("Smith", "Jordan", nil),
        ("van der Berg", "Daan", nil), ("Núñez", "Mateo", nil), ("Kowalski", "Zofia", nil),
        ("Mensah", "Kofi", nil), ("Lindqvist", "Astrid", nil), ("Rahman", "Ayesha", nil),
        ("Cohen", "Noa", nil), ("Silva", "Gabriel", nil), ("Ivanova", "Daria", nil),
        ("Begay", "Tohonie", nil), ("Kaur", "Simran", nil), ("Moreau", "Léa", nil),
        ("Johnson", "Aaliyah", nil), ("Yilmaz", "Emir", nil), ("Dubois", "Hugo", nil),
    ]

    static let schools = ["Riverside High School", "Lincoln High School", "Eastside Early College High School"]

    static func entries(count: Int = 30) -> [CaseloadEntry] {
        (0..<count).map { index in
            let (family, given, preferred) = names[index % names.count]
            let student = Student(id: Int64(index + 1), localId: "S\(100_001 + index)", givenName: given,
                                  familyName: family, preferredName: preferred,
                                  grade: Grade(rawValue: 9 + index % 4)!, schoolId: Int64(index % 3 + 1))
            return CaseloadEntry(student: student, schoolName: schools[index % 3])
        }
    }

    /// A state as it is after start-up on Ana Rivera's caseload.
    static func caseloadState(size: Size = Size(width: 80, height: 24), rows: Int = 30) -> AppState {
        var state = AppState(size: size, caseloadOwnerId: 1)
        // Ana is remembered as the counselor at this keyboard.
        state.userId = 1
        _ = reduce(&state, .started(counselors: counselors, isEmpty: false))
        _ = reduce(&state, .passphraseProbed(counselorId: 1, isSet: false, mayChoose: true))
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: entries(count: rows)))
        return state
    }
}
