import Foundation

/// Readable titles for the OneRoster race and ethnicity codes a student record keeps
/// ("hispanicOrLatinoEthnicity,white"), for reports and lists people read.
public enum RaceEthnicity {
    static let titles: [String: String] = [
        "americanIndianOrAlaskaNative": "American Indian or Alaska Native",
        "asian": "Asian",
        "blackOrAfricanAmerican": "Black or African American",
        "nativeHawaiianOrOtherPacificIslander": "Native Hawaiian or Other Pacific Islander",
        "white": "White",
        "demographicRaceTwoOrMoreRaces": "Two or more races",
        "hispanicOrLatinoEthnicity": "Hispanic or Latino",
    ]

    /// Each comma-separated code by its title, in the order given; a code this list does
    /// not know (a district's own) is shown as written rather than dropped.
    public static func title(of codes: String) -> String {
        codes.split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .map { titles[$0] ?? $0 }
            .joined(separator: ", ")
    }
}
