import Foundation
import HubTestSupport
import WaypointCore
@testable import WaypointHub
@testable import WaypointStore
import XCTest

/// The hub checks every synced record against the workstation's rules (`SyncValueRules`,
/// built from `FieldRules`, `TextField`, the state enums and `CivilDate`). The hub's copy is
/// written out in a frozen migration, so these hold it to the one in WaypointCore: a rule
/// changed there without a hub migration fails here.
final class HubValueRulesTests: XCTestCase {
    private var hub: TestHub!
    private var connection: HubConnection!

    override func setUp() async throws {
        hub = try await HubCluster.shared().makeDatabase().initialized()
        connection = try await hub.connect()
    }

    override func tearDown() async throws {
        await connection?.close()
        try await hub?.drop()
    }

    /// One rule as the hub's `value_rule` row shows it.
    private static func row(_ table: String, _ field: String, _ rule: ValueRule) -> String {
        var kind = "", nonBlank = false, maxLength = "", lineBreaks = "", allowed = "", low = "", high = "", whole = "", pattern = ""
        switch rule {
        case .text(let text, _, let blank):
            (kind, nonBlank, maxLength, lineBreaks) = ("text", blank, String(text.maxLength), String(text.allowsLineBreaks))
        case .oneOf(let words, _):
            (kind, allowed) = ("oneOf", words.joined(separator: ","))
        case .number(let number, _):
            (kind, low, high, whole) = ("number", CreditFormat.text(number.range.lowerBound), CreditFormat.text(number.range.upperBound),
                                        String(number.isWhole))
        case .date:
            kind = "date"
        case .time(let expression, _):
            (kind, pattern) = ("time", expression)
        case .flag:
            kind = "flag"
        }
        return [table, field, kind, String(rule.isRequired), String(nonBlank), maxLength, lineBreaks, allowed, low, high, whole, pattern]
            .joined(separator: "|")
    }

    func testTheHubHoldsTheWorkstationsRulesForEverySyncedTable() async throws {
        let live = try await connection.strings("""
            SELECT concat_ws('|', table_name, field, kind, required::text, non_blank::text, coalesce(max_length::text, ''),
                             coalesce(line_breaks::text, ''), coalesce(array_to_string(allowed, ','), ''),
                             coalesce(trim_scale(low)::text, ''), coalesce(trim_scale(high)::text, ''), coalesce(whole::text, ''),
                             coalesce(pattern, ''))
            FROM waypoint.value_rule ORDER BY table_name COLLATE "C", field COLLATE "C"
            """)
        let expected = SyncValueRules.tables.sorted { $0.key < $1.key }.flatMap { table, fields in
            fields.sorted { $0.key < $1.key }.map { Self.row(table, $0.key, $0.value) }
        }
        XCTAssertEqual(live, expected)
        XCTAssertEqual(Set(SyncValueRules.tables.keys), Set(SyncTable.all.map(\.name)), "every synced table has its rules")
    }

    /// A value that breaks no rule, for the fields around the one being tried.
    private static func valid(_ rule: ValueRule) -> Any {
        switch rule {
        case .text: "k1"
        case .oneOf(let words, _): words[0]
        case .number(let number, _): number.range.lowerBound
        case .date: "2026-12-03"
        case .time(let expression, _): expression == SyncValueRules.auditTime ? "2026-12-03T10:00:00.000Z" : "2026-12-03 10:00:00.000"
        case .flag: 0
        }
    }

    /// Values at the edges of `rule`, each with whether the workstation's rule accepts it.
    private static func samples(_ rule: ValueRule) -> [(value: Any, accepted: Bool)] {
        var samples: [(Any, Bool)] = [(NSNull(), !rule.isRequired)]
        switch rule {
        case .text(let field, _, let nonBlank):
            func accepted(_ text: String) -> Bool {
                field.problem(text) == nil && !(nonBlank && text.trimmingCharacters(in: CharacterSet(charactersIn: " ")).isEmpty)
            }
            for text in ["", "   ", "a", "a\u{1B}b", "a\u{85}b", "two\nlines", "tab\there", String(repeating: "é", count: field.maxLength),
                         String(repeating: "é", count: field.maxLength + 1)] {
                samples.append((text, accepted(text)))
            }
            samples.append((5, false))
        case .oneOf(let words, _):
            samples += words.map { ($0, true) }
            samples += [("bogus", false), (words[0].uppercased(), false), (1, false)]
        case .number(let number, _):
            let step = number.isWhole ? 1.0 : 0.01
            for value in [number.range.lowerBound - step, number.range.lowerBound, number.range.lowerBound + 0.5,
                          number.range.upperBound, number.range.upperBound + step] {
                samples.append((value, number.problem(value) == nil))
            }
            samples.append(("12", false))
        case .date:
            for text in ["2026-12-03", "2024-02-29", "2026-02-30", "2026-2-3", "tomorrow", "2026-12-03 10:00"] {
                samples.append((text, CivilDate(iso: text) != nil))
            }
        case .time(let expression, _):
            let pattern = try! NSRegularExpression(pattern: expression)
            for text in ["2026-12-03 10:00:00.000", "2026-12-03T10:00:00.000Z", "2026-12-03", "yesterday", "10:00"] {
                samples.append((text, pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil))
            }
        case .flag:
            samples += [(0, true), (1, true), (2, false), ("yes", false)]
        }
        return samples
    }

    func testTheHubRefusesExactlyWhatTheWorkstationsRulesRefuseNamingTableFieldAndValue() async throws {
        var tried = 0
        for (table, fields) in SyncValueRules.tables.sorted(by: { $0.key < $1.key }) {
            let base = fields.mapValues(Self.valid)
            let clean = try await problem(table, base)
            XCTAssertNil(clean, "\(table): a record within every rule")
            for (field, rule) in fields.sorted(by: { $0.key < $1.key }) {
                for (value, accepted) in Self.samples(rule) {
                    var payload = base
                    payload[field] = value
                    let found = try await problem(table, payload)
                    tried += 1
                    XCTAssertEqual(found == nil, accepted, "\(table).\(field) = \(String(describing: value).prefix(40)): \(found ?? "accepted")")
                    guard let found else { continue }
                    XCTAssertTrue(found.hasPrefix("\(table).\(field): "), found)
                    if let text = value as? String, !text.isEmpty, text.count < 20, text.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) {
                        XCTAssertTrue(found.contains("\"\(text)\""), "the value is named: \(found)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(tried, 500)
    }

    private func problem(_ table: String, _ payload: [String: Any]) async throws -> String? {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: payload), as: UTF8.self)
        let rows = try await connection.query("SELECT waypoint.value_problem(\(table), \(json)::jsonb)")
        return try rows.first?.decode(String?.self)
    }
}
