import Foundation
@testable import WaypointCore

/// The ways a roster file arrives broken from a real SIS export, a spreadsheet round trip or
/// a hostile hand: each turns the bytes of one CSV file into other bytes, drawing its choices
/// from a seeded generator so a failing case can be replayed by its number.
enum RosterMutation: CaseIterable {
    case flipByte, truncate, strayQuote, invalidUTF8, byteOrderMark, lineEndings, nulByte, controlCharacters
    case duplicateColumn, removeColumn, duplicateRow, removeRow, swapHeaders, emptyFile, longField

    func apply(to data: Data, rng: inout SplitMix64) -> Data {
        var bytes = [UInt8](data)
        switch self {
        case .flipByte:
            guard !bytes.isEmpty else { return data }
            bytes[rng.int(below: bytes.count)] ^= UInt8(1 << rng.int(below: 8))
        case .truncate:
            bytes = Array(bytes.prefix(bytes.isEmpty ? 0 : rng.int(below: bytes.count)))
        case .strayQuote:
            bytes.insert(0x22, at: rng.int(below: bytes.count + 1))
        case .invalidUTF8:
            // A lone Latin-1 é, a lone continuation byte, a surrogate half, an overlong slash, a truncated sequence.
            let sequences: [[UInt8]] = [[0xE9], [0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xFF]]
            bytes.insert(contentsOf: sequences[rng.int(below: sequences.count)], at: rng.int(below: bytes.count + 1))
        case .byteOrderMark:
            // At the start (legal), twice, or in the middle of a row.
            let at = rng.chance(0.5) ? 0 : rng.int(below: bytes.count + 1)
            bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: at)
        case .lineEndings:
            bytes = Self.mixLineEndings(bytes, rng: &rng)
        case .nulByte:
            bytes.insert(0, at: rng.int(below: bytes.count + 1))
        case .controlCharacters:
            let controls: [[UInt8]] = [[0x1B, 0x5B, 0x32, 0x4A], [0x1B, 0x5D, 0x30, 0x3B, 0x78, 0x07], [0xC2, 0x9B],
                                       [0x08], [0x7F], [0xE2, 0x80, 0xAE], [0x0B, 0x0C]]
            bytes.insert(contentsOf: controls[rng.int(below: controls.count)], at: rng.int(below: bytes.count + 1))
        case .emptyFile:
            bytes = []
        case .duplicateColumn, .removeColumn, .duplicateRow, .removeRow, .swapHeaders, .longField:
            return Data(Self.reshape(String(decoding: bytes, as: UTF8.self), self, rng: &rng).utf8)
        }
        return Data(bytes)
    }

    /// Some line ends become CRLF, some a lone CR, some stay LF.
    private static func mixLineEndings(_ bytes: [UInt8], rng: inout SplitMix64) -> [UInt8] {
        var result: [UInt8] = []
        for byte in bytes where byte != 0x0D {
            guard byte == 0x0A else {
                result.append(byte)
                continue
            }
            switch rng.int(below: 3) {
            case 0: result.append(0x0A)
            case 1: result += [0x0D, 0x0A]
            default: result.append(0x0D)
            }
        }
        return result
    }

    /// Changes to the table's shape, on the rows as lines and fields split at commas (a
    /// quoted comma splits too, which is one more way for the file to break).
    private static func reshape(_ text: String, _ mutation: RosterMutation, rng: inout SplitMix64) -> String {
        let ending = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: ending)
        let trailing = lines.last == "" ? lines.removeLast() : nil
        guard !lines.isEmpty else { return text }
        var rows = lines.map { $0.components(separatedBy: ",") }
        let width = rows[0].count
        switch mutation {
        case .duplicateColumn:
            let column = rng.int(below: width)
            rows = rows.map { row in column < row.count ? Array(row[...column]) + [row[column]] + row[(column + 1)...] : row }
        case .removeColumn:
            let column = rng.int(below: width)
            rows = rows.map { row in column < row.count ? Array(row[..<column] + row[(column + 1)...]) : row }
        case .duplicateRow:
            let row = rng.int(below: rows.count)
            rows.insert(rows[row], at: rng.int(below: rows.count + 1))
        case .removeRow:
            rows.remove(at: rng.int(below: rows.count))
        case .swapHeaders:
            guard width > 1 else { break }
            rows[0].swapAt(rng.int(below: width), rng.int(below: width))
        case .longField:
            let row = rng.int(below: rows.count)
            let column = rng.int(below: rows[row].count)
            let letters = ["a", "é", "王", "👩🏽‍🎓", "\u{301}", " "]
            rows[row][column] = (0..<10_000).map { _ in letters[rng.int(below: letters.count)] }.joined()
        default:
            break
        }
        return (rows.map { $0.joined(separator: ",") } + (trailing.map { [$0] } ?? [])).joined(separator: ending)
    }
}
