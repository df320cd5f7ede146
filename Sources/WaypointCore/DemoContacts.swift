/// Parents and guardians for the demo district, so the profile's Family line and a call
/// home show something real on the first run: most students have one or two, a few a
/// grandparent or guardian; an English learner's family has its home language.
public enum DemoContacts {
    /// A contact and the index of the student it belongs to.
    public struct Entry: Equatable, Sendable {
        public var studentIndex: Int
        public var contact: FamilyContact
    }

    public static func generate(for students: [Student], seed: UInt64) -> [Entry] {
        var rng = SplitMix64(seed: seed ^ 0xFA_3111)
        var entries: [Entry] = []
        for (index, student) in students.enumerated() where rng.chance(0.92) {
            let pool = DemoNames.pools.first { $0.family.contains(student.familyName) } ?? DemoNames.pools[0]
            let language = student.englishLearner == true ? homeLanguage[pool.culture] : nil
            let count = rng.chance(0.55) ? 2 : 1
            for position in 0..<count {
                let female = position == 0 ? rng.chance(0.7) : !rng.chance(0.7)
                let relationship: ContactRelationship = rng.chance(0.9) ? .parent : (rng.chance(0.5) ? .guardian : .relative)
                let given = rng.pick(female ? pool.femaleGiven : pool.maleGiven)
                // 555-0100 to 555-0199 are reserved for fiction: no real family is called.
                let phone = "555-01\(String(format2: rng.int(below: 100)))"
                // Only a name in Latin letters makes an address; others have a phone only.
                let local = "\(SearchText.fold(given)).\(SearchText.fold(student.familyName))"
                    .filter { ($0.isASCII && $0.isLetter) || $0 == "." }
                let latin = SearchText.fold(given + student.familyName).allSatisfy { $0.isASCII }
                let email = rng.chance(0.6) && latin && !local.hasPrefix(".") && !local.hasSuffix(".") ? local + "@example.org" : nil
                entries.append(Entry(studentIndex: index, contact: FamilyContact(
                    givenName: given, familyName: student.familyName, relationship: relationship, phone: phone,
                    email: email, language: language)))
            }
        }
        return entries
    }

    /// The language an English learner's family speaks at home, by name pool.
    private static let homeLanguage: [String: String] = [
        "Spanish": "Spanish", "Vietnamese": "Vietnamese", "Chinese": "Mandarin", "Korean": "Korean",
        "Japanese": "Japanese", "Polish": "Polish", "Ukrainian": "Ukrainian", "Greek": "Greek", "Somali": "Somali",
        "Indian": "Hindi", "Arabic": "Arabic", "Dutch": "Dutch",
    ]
}

private extension String {
    /// Two digits, "07".
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : String(value)
    }
}
