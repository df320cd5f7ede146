import Foundation
import TerminalKit

/// The one way Waypoint writes JSON for people and scripts: pretty, keys sorted, slashes
/// as they are, a final newline, and no control or invisible character in the bytes (each
/// is a `\uXXXX` escape, see `Sanitizer.escapingInvisibles(json:)`): a script that parses
/// it gets the stored text back exactly, and `cat` on it cannot act on a terminal.
public enum JSONOutput {
    public static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Sanitizer.escapingInvisibles(json: String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n"
    }
}
