/// A school (a OneRoster org of type `school`).
public struct School: Identifiable, Equatable, Hashable, Sendable, Codable {
    public var id: Int64?
    public var sourcedId: String?
    public var name: String
    public var lowGrade: Grade?
    public var highGrade: Grade?

    public init(id: Int64? = nil, sourcedId: String? = nil, name: String,
                lowGrade: Grade? = nil, highGrade: Grade? = nil) {
        self.id = id
        self.sourcedId = sourcedId
        self.name = name
        self.lowGrade = lowGrade
        self.highGrade = highGrade
    }
}

/// A counselor: the person at the keyboard, who owns a caseload.
public struct Counselor: Identifiable, Equatable, Hashable, Sendable, Codable {
    public var id: Int64?
    public var sourcedId: String?
    public var givenName: String
    public var familyName: String
    public var email: String?

    public init(id: Int64? = nil, sourcedId: String? = nil, givenName: String,
                familyName: String, email: String? = nil) {
        self.id = id
        self.sourcedId = sourcedId
        self.givenName = givenName
        self.familyName = familyName
        self.email = email
    }

    public var displayName: String { "\(givenName) \(familyName)" }
}
