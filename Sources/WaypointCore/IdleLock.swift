import Foundation

/// How long the screen waits for a key before locking itself.
public enum IdleLock: Equatable, Sendable {
    case after(TimeInterval)
    /// Only by an explicit setting (`"idleLock": "off"`).
    case off

    public static let standard = IdleLock.after(10 * 60)

    /// "10m", "90s", "off": the form used in the configuration file and `WAYPOINT_IDLE_LOCK`.
    public init?(parsing text: String) {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if value == "off" {
            self = .off
            return
        }
        let unit = value.last
        guard let unit, unit == "m" || unit == "s", let number = Double(value.dropLast()),
              number.isFinite, number > 0 else { return nil }
        let seconds = unit == "m" ? number * 60 : number
        // Shorter than a few seconds would lock the counselor out while they read.
        guard seconds >= 5, seconds <= 24 * 3600 else { return nil }
        self = .after(seconds)
    }

    public var description: String {
        switch self {
        case .off: "off"
        case .after(let seconds):
            seconds.truncatingRemainder(dividingBy: 60) == 0 ? "\(Int(seconds / 60))m" : "\(Int(seconds))s"
        }
    }
}
