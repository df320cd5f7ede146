/// Name pools for the demo district, one per naming culture, written the way a roster from a
/// diverse US district really carries them: accents (some in decomposed NFD form, as older
/// systems export them), apostrophes, hyphens, particles, and non-Latin scripts. The point is
/// that search, sorting and drawing meet the hard cases from the first run, not in production.
struct NamePool: Sendable {
    var culture: String
    /// Relative share of students from this pool.
    var weight: Int
    var femaleGiven: [String]
    var maleGiven: [String]
    var family: [String]
    var femaleMiddle: [String] = []
    var maleMiddle: [String] = []
    var middleRate: Double = 0
    /// Everyday forms of formal given names ("Alejandro" is called "Alex").
    var nicknames: [String: String] = [:]
    /// Latin names some students in non-Latin-script pools go by at school.
    var adoptedNames: (female: [String], male: [String]) = ([], [])
    /// Chance that a student with a nickname or adopted name has it recorded as preferred.
    var preferredRate: Double = 0
    /// OneRoster race/ethnicity values (comma-separated when several) with relative weights.
    var raceEthnicity: [(value: String, weight: Int)]
    var englishLearnerRate: Double
}

enum DemoNames {
    static let white = "white"
    static let asian = "asian"
    static let black = "blackOrAfricanAmerican"
    static let hispanic = "hispanicOrLatinoEthnicity"
    static let twoOrMore = "demographicRaceTwoOrMoreRaces"

    static let pools: [NamePool] = [
        NamePool(
            culture: "English and Irish", weight: 26,
            femaleGiven: ["Emma", "Olivia", "Ava", "Siobhán", "Aoife", "Zoe\u{308}", "Chloe\u{308}",
                          "Elizabeth", "Katherine", "Madison", "Harper", "Rene\u{301}e", "Abigail"],
            maleGiven: ["Liam", "Noah", "Seán", "Oliver", "Elijah", "James", "Benjamin", "William",
                        "Alexander", "Lucas", "Daniel", "Michael", "Christopher"],
            family: ["O'Brien", "O'Connor", "Murphy", "Kelly", "McCarthy", "Sullivan", "Walsh",
                     "Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Anderson",
                     "Taylor", "Thompson", "St. John", "D'Angelo", "Fitzgerald-Hayes", "Nunez",
                     "Lee", "Lin", "Washington", "Jackson"],
            femaleMiddle: ["Grace", "Rose", "Marie", "Anne", "Louise", "Claire"],
            maleMiddle: ["James", "Michael", "Patrick", "Thomas", "Lee", "Joseph"],
            middleRate: 0.55,
            nicknames: ["Elizabeth": "Liz", "Katherine": "Kate", "Benjamin": "Ben", "James": "Jamie",
                        "William": "Will", "Alexander": "Xander", "Abigail": "Abby", "Daniel": "Danny",
                        "Michael": "Mike", "Christopher": "Chris"],
            preferredRate: 0.45,
            raceEthnicity: [(white, 60), (black, 25), (twoOrMore, 10), ("americanIndianOrAlaskaNative", 5)],
            englishLearnerRate: 0.01),
        NamePool(
            culture: "Dutch", weight: 2,
            femaleGiven: ["Sanne", "Fenna", "Lotte", "Anouk"],
            maleGiven: ["Daan", "Sem", "Bram", "Joost"],
            family: ["van der Berg", "de Vries", "van Dijk", "Janssen", "de Jong", "van 't Hof"],
            raceEthnicity: [(white, 1)], englishLearnerRate: 0.05),
        NamePool(
            culture: "Spanish", weight: 24,
            femaleGiven: ["María", "Sofía", "Valentina", "Camila", "Lucía", "Ximena", "Guadalupe",
                          "Daniela", "Itzel", "Renata"],
            maleGiven: ["José", "Luis", "Mateo", "Santiago", "Diego", "Alejandro", "Jesús", "Andrés",
                        "Joaquín", "Emiliano"],
            family: ["García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez",
                     "Sánchez", "Ramírez", "Núñez", "Peña", "Muñoz", "Jiménez", "Ortiz", "Castillo",
                     "García-López", "Hernández Ruiz", "de la Cruz", "Ibáñez", "Nuñez"],
            femaleMiddle: ["Fernanda", "José", "Isabel", "Guadalupe"],
            maleMiddle: ["Ángel", "Manuel", "Antonio", "Francisco"],
            middleRate: 0.35,
            nicknames: ["Guadalupe": "Lupe", "Alejandro": "Alex", "Jesús": "Chuy", "Santiago": "Santi",
                        "José": "Pepe", "Valentina": "Vale"],
            preferredRate: 0.35,
            raceEthnicity: [(hispanic, 55), ("\(hispanic),\(white)", 35), ("\(hispanic),\(twoOrMore)", 10)],
            englishLearnerRate: 0.22),
        NamePool(
            culture: "Vietnamese", weight: 7,
            femaleGiven: ["Linh", "Thảo", "Hương", "Ngọc", "Trang", "Phương", "Mai", "Hạnh", "Yến"],
            maleGiven: ["Minh", "Huy", "Khoa", "Đức", "Quang", "Tuấn", "Thắng", "Phúc", "Việt"],
            family: ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
                     "Bùi", "Đỗ", "Ngô"],
            femaleMiddle: ["Thị", "Ngọc", "Thanh", "Bảo"],
            maleMiddle: ["Văn", "Đức", "Hữu", "Quốc"],
            middleRate: 0.7,
            adoptedNames: (["Tina", "Vivian", "Kelly"], ["Kevin", "Tony", "Henry"]),
            preferredRate: 0.2,
            raceEthnicity: [(asian, 1)], englishLearnerRate: 0.25),
        NamePool(
            culture: "Chinese", weight: 6,
            femaleGiven: ["娜", "静", "敏", "丽", "婷", "雪", "欣怡", "梓涵", "雨桐"],
            maleGiven: ["伟", "磊", "强", "军", "洋", "浩", "宇轩", "子豪", "俊杰"],
            family: ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "欧阳"],
            adoptedNames: (["Amy", "Grace", "Emily", "Cindy"], ["David", "Kevin", "Eric", "Jason"]),
            preferredRate: 0.4,
            raceEthnicity: [(asian, 1)], englishLearnerRate: 0.3),
        NamePool(
            culture: "Korean", weight: 4,
            femaleGiven: ["서연", "지우", "하은", "민서", "수아", "지민"],
            maleGiven: ["민준", "서준", "도윤", "예준", "시우", "지호"],
            family: ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"],
            adoptedNames: (["Jenny", "Grace", "Sarah"], ["Daniel", "Brian", "Justin"]),
            preferredRate: 0.35,
            raceEthnicity: [(asian, 1)], englishLearnerRate: 0.2),
        NamePool(
            culture: "Japanese", weight: 3,
            femaleGiven: ["さくら", "陽菜", "結衣", "美咲", "ゆい", "凛"],
            maleGiven: ["大翔", "蓮", "悠真", "湊", "翔太", "ハルト"],
            family: ["佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村"],
            adoptedNames: (["Hana", "Emi"], ["Ken", "Leo"]),
            preferredRate: 0.2,
            raceEthnicity: [(asian, 1)], englishLearnerRate: 0.25),
        NamePool(
            culture: "Polish", weight: 4,
            femaleGiven: ["Zofia", "Zuzanna", "Małgorzata", "Agnieszka", "Łucja", "Wiktoria"],
            maleGiven: ["Łukasz", "Jakub", "Szymon", "Wojciech", "Michał", "Paweł"],
            family: ["Nowak", "Wójcik", "Woźniak", "Mazur", "Krawczyk", "Kaczmarek", "Zając",
                     "Król", "Wróbel", "Pawlak", "Dąbrowski"],
            femaleMiddle: ["Maria", "Anna"], maleMiddle: ["Jan", "Piotr"], middleRate: 0.3,
            nicknames: ["Małgorzata": "Gosia", "Wojciech": "Wojtek", "Jakub": "Kuba", "Zuzanna": "Zuza"],
            preferredRate: 0.4,
            raceEthnicity: [(white, 1)], englishLearnerRate: 0.1),
        NamePool(
            culture: "Ukrainian", weight: 4,
            femaleGiven: ["Олена", "Оксана", "Ірина", "Анастасія", "Софія", "Марія"],
            maleGiven: ["Олександр", "Андрій", "Дмитро", "Максим", "Богдан", "Тарас"],
            family: ["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Мельник",
                     "Іваненко", "Лисенко"],
            femaleMiddle: ["Петрівна", "Іванівна", "Миколаївна"],
            maleMiddle: ["Петрович", "Іванович", "Миколайович"],
            middleRate: 0.4,
            nicknames: ["Олександр": "Sasha", "Анастасія": "Nastya", "Дмитро": "Dima", "Олена": "Lena"],
            preferredRate: 0.5,
            raceEthnicity: [(white, 1)], englishLearnerRate: 0.45),
        NamePool(
            culture: "Greek", weight: 3,
            femaleGiven: ["Ελένη", "Μαρία", "Κατερίνα", "Σοφία", "Δήμητρα"],
            maleGiven: ["Γιώργος", "Νίκος", "Δημήτρης", "Κωνσταντίνος", "Γιάννης"],
            family: ["Παπαδόπουλος", "Γεωργίου", "Οικονόμου", "Παπαδάκης", "Νικολάου", "Καραγιάννης"],
            nicknames: ["Κωνσταντίνος": "Kostas", "Γιώργος": "George", "Κατερίνα": "Katie"],
            preferredRate: 0.4,
            raceEthnicity: [(white, 1)], englishLearnerRate: 0.1),
        NamePool(
            culture: "Somali", weight: 5,
            femaleGiven: ["Hodan", "Fadumo", "Ayaan", "Hibo", "Sahra", "Ifrah", "Nimco"],
            maleGiven: ["Abdirahman", "Mahad", "Abdullahi", "Liban", "Farhan", "Khalid"],
            family: ["Mohamed", "Abdi", "Hassan", "Ali", "Warsame", "Farah", "Jama", "Omar", "Yusuf"],
            nicknames: ["Abdirahman": "Abdi", "Abdullahi": "Abdul", "Fadumo": "Fadi"],
            preferredRate: 0.3,
            raceEthnicity: [(black, 1)], englishLearnerRate: 0.35),
        NamePool(
            culture: "Indian", weight: 5,
            femaleGiven: ["Priya", "Ananya", "Aditi", "Kavya", "Diya", "Sanya", "Isha"],
            maleGiven: ["Arjun", "Rohan", "Aarav", "Vihaan", "Aditya", "Karan", "Siddharth"],
            family: ["Patel", "Sharma", "Singh", "Gupta", "Reddy", "Iyer", "Kumar", "Desai", "Mehta",
                     "Chaudhary"],
            femaleMiddle: ["Lakshmi", "Devi"], maleMiddle: ["Kumar", "Raj"], middleRate: 0.3,
            nicknames: ["Siddharth": "Sid", "Aditya": "Adi", "Ananya": "Anu"],
            preferredRate: 0.4,
            raceEthnicity: [(asian, 1)], englishLearnerRate: 0.12),
        NamePool(
            culture: "Arabic", weight: 4,
            femaleGiven: ["Fatima", "Layla", "Mariam", "Noor", "Yasmin", "Aisha", "Huda"],
            maleGiven: ["Mohammed", "Omar", "Yusuf", "Karim", "Ahmad", "Khalid", "Tariq"],
            family: ["Al-Sayed", "El-Amin", "Haddad", "Khalil", "Mansour", "Nasser", "Abdel-Rahman",
                     "Al-Masri", "Saleh", "Darwish"],
            nicknames: ["Mohammed": "Mo", "Mariam": "Mimi"],
            preferredRate: 0.3,
            raceEthnicity: [(white, 8), (twoOrMore, 2)], englishLearnerRate: 0.3),
    ]

    /// Counselors keep their names in Latin script, as staff directories usually do. The
    /// two lists have coprime lengths (16 and 17) so a large district gets 272 distinct names.
    static let counselorGivenNames = [
        "Dana", "Marcus", "Rosa", "Kevin", "Aisha", "Megan", "Tomás", "Ingrid", "Jamal", "Hye-jin",
        "Laura", "Peter", "Nadia", "Samuel", "Beatriz", "Owen",
    ]
    static let counselorFamilyNames = [
        "Whitfield", "Okafor", "Delgado", "Tran", "Rahman", "O'Leary", "Ferreira", "Nilsson", "Brooks",
        "Park", "Castellanos", "Kowalczyk", "Haddad", "Reyes", "Lindgren", "Mensah", "Iverson",
    ]

    static let schools = [
        "Riverside High School", "Lincoln High School", "Cedar Ridge High School",
        "Westlake High School", "Eastview High School", "Franklin High School",
        "Mountain View High School", "Harbor Point High School",
    ]

    static let middleSchools = ["Jefferson Middle School", "Oak Hollow Middle School", "Sierra Vista Middle School"]

    static let elementarySchools = ["Maple Grove Elementary School", "Sunnyside Elementary School", "Pinecrest Elementary School"]
}
