import Foundation

/// How long the screen waits for a key before locking itself.
public enum IdleLock: Equatable, Sendable {
    case after(TimeInterval)
    /// Only by an explicit setting (`"idleLock": "off"`).
    case off

    public static let standard = IdleLock.after(10 * 60)

    /// "10m", "90s", "1h", "off": the form used in the configuration file and `WAYPOINT_IDLE_LOCK`,
    /// from 5 seconds to 24 hours.
    public init?(parsing text: String) {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if value == "off" {
            self = .off
            return
        }
        let unit = value.last
        let scale: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        guard let unit = value.last, let factor = scale[unit], let number = Double(value.dropLast()),
              number.isFinite, number > 0 else { return nil }
        let seconds = number * factor
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
