import XCTest
@testable import TerminalKit

/// Issue 15, item 9: tables fit 80 columns by rule. A report table wraps what does not fit
/// (titles, then labels) and never cuts a label; a table column holding one value in every
/// row gives its room to the others and its value is said once.
final class ReportTableTests: XCTestCase {
    private let tiers = ["Students", "Tier 1 (%)", "Tier 2 (%)", "Tier 3 (%)", "No data (%)", "Tier 2-3 helped (%)"]

    private func table(_ labels: [String], title: String = "Grade") -> ReportTable {
        ReportTable(labelTitle: title, valueTitles: tiers,
                    rows: labels.map { .init(label: $0, values: ["280", "80.0", "8.0", "12.0", "0.0", "100.0"]) },
                    total: .init(label: "All", values: ["1,160", "80.9", "7.2", "11.9", "0.0", "45.5"]))
    }

    private func draw(_ table: ReportTable, width: Int = 78, height: Int = 16) -> [String] {
        var buffer = Buffer(size: Size(width: width, height: height))
        table.render(into: &buffer, area: buffer.area)
        return buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The defect: at 80 columns the five measures of the tiers report left the group column
    /// five wide, so every row read "Gra…".
    func testGradesStayWholeBesideFiveMeasuresAt80Columns() {
        let lines = draw(table(["Grade 9", "Grade 10", "Grade 11", "Grade 12"]))
        for grade in ["Grade 9 ", "Grade 10", "Grade 11", "Grade 12"] {
            XCTAssertTrue(lines.contains { $0.hasPrefix(grade) }, "\(grade) whole at the start of its row:\n\(lines.joined(separator: "\n"))")
        }
        XCTAssertFalse(lines.joined().contains("…"), lines.joined(separator: "\n"))
        // Every title is there in full, wrapped where it must be.
        let header = lines.prefix(while: { !$0.hasPrefix("Grade 9") }).joined(separator: " ")
        for word in ["Students", "Tier", "1", "No", "data", "2-3", "helped", "(%)"] {
            XCTAssertTrue(header.split(separator: " ").contains(Substring(word)), "\(word) in the header:\n\(header)")
        }
    }

    func testATableThatFitsKeepsOneHeaderLine() {
        let table = table(["Grade 9"])
        XCTAssertEqual(table.layout(width: 118).headerHeight, 1)
        XCTAssertEqual(table.layout(width: 118).labelWidth, 118 - 6 - (8 + 10 + 10 + 10 + 11 + 19))
        XCTAssertEqual(table.layout(width: 78).headerHeight, 2, "at 80 columns the titles take two lines")
    }

    /// A label longer than the room left wraps at spaces onto a second line of its row; its
    /// numbers stay on the first.
    func testALongLabelWrapsAndIsNeverCut() {
        let long = "Hispanic or Latino, Two or more races, American Indian or Alaska Native"
        let lines = draw(table([long, "White"], title: "Race/ethnicity"))
        let text = lines.joined(separator: "\n")
        XCTAssertFalse(text.contains("…"), text)
        let start = try? XCTUnwrap(lines.firstIndex { $0.hasPrefix("Hispanic") })
        guard let start else { return XCTFail(text) }
        XCTAssertTrue(lines[start].hasSuffix("100.0"), "the numbers on the label's first line:\n\(text)")
        let rejoined = lines[start...].prefix { !$0.hasPrefix("White") }.map { line in
            String(line.prefix(table([long]).layout(width: 78).labelWidth)).trimmingCharacters(in: .whitespaces)
        }.joined(separator: " ")
        XCTAssertEqual(rejoined, long)
    }

    /// A window too short for every group keeps the total and says how many are left out.
    func testRowsThatDoNotFitAreCountedAndTheTotalStays() {
        var table = table((1...20).map { "Group \($0)" })
        table.moreRows = { "… \($0) more groups" }
        let lines = draw(table, height: 10)
        let text = lines.joined(separator: "\n")
        XCTAssertTrue(lines.contains { $0.hasPrefix("All") }, text)
        let shown = lines.filter { $0.hasPrefix("Group") }.count
        XCTAssertTrue(text.contains("… \(20 - shown) more groups"), text)
    }
}

final class SharedRowTests: XCTestCase {
    /// Texts sharing a row: all whole when they fit; else the longest shortened first, so
    /// a short one stays whole and the last is never pushed off the edge.
    func testTheLongestGiveWayFirst() {
        XCTAssertEqual(DisplayWidth.shares(of: [10, 20], in: 40), [10, 20])
        XCTAssertEqual(DisplayWidth.shares(of: [10, 40, 36], in: 60), [10, 25, 25])
        XCTAssertEqual(DisplayWidth.shares(of: [36, 32], in: 61), [30, 30])
        XCTAssertLessThanOrEqual(DisplayWidth.shares(of: [50, 50, 50], in: 61).reduce(0, +), 61)
    }

    func testAParenthesizedIdIsKeptWhenANameIsCut() {
        XCTAssertEqual(DisplayWidth.truncateKeepingParenthesizedEnd("Wolfeschlegelstein, Max (S100001)", to: 20), "Wolfeschl… (S100001)")
        XCTAssertEqual(DisplayWidth.truncateKeepingParenthesizedEnd("Ana López (S1)", to: 20), "Ana López (S1)")
        XCTAssertEqual(DisplayWidth.truncateKeepingParenthesizedEnd("No id here at all", to: 8), "No id h…")
    }
}

final class UniformColumnTests: XCTestCase {
    private func table(schools: [String], grades: [String]) -> Table {
        Table(columns: [TableColumn("Name", width: .fill(2)), TableColumn("Gr", width: .fixed(2), onceWhenUniform: { "grade \($0)" }),
                        TableColumn("School", width: .fill(2), onceWhenUniform: { $0 }), TableColumn("ID", width: .fixed(7))],
              rowCount: schools.count) { row, column in
            ["Student \(row)", grades[row], schools[row], "S\(row)"][column]
        }
    }

    func testAColumnWithOneValueInEveryRowIsSaidOnceAndGivesItsRoom() {
        var one = table(schools: ["Franklin High School", "Franklin High School", "Franklin High School"], grades: ["9", "10", "9"])
        XCTAssertEqual(one.sayingUniformColumnsOnce(), ["Franklin High School"])
        XCTAssertEqual(one.columns.map(\.title), ["Name", "Gr", "ID"])
        XCTAssertEqual(one.cell(1, 1), "10", "the cells follow their columns")
        XCTAssertEqual(one.cell(1, 2), "S1")
        var buffer = Buffer(size: Size(width: 40, height: 4))
        one.render(into: &buffer, area: buffer.area, state: TableState())
        XCTAssertFalse(buffer.text.contains("Franklin"), buffer.text)
        XCTAssertTrue(buffer.line(1).hasPrefix("Student 0"), buffer.text)
    }

    func testColumnsThatDifferStayAndOneRowSaysNothing() {
        var two = table(schools: ["Franklin High School", "Lincoln High School"], grades: ["9", "9"])
        XCTAssertEqual(two.sayingUniformColumnsOnce(), ["grade 9"])
        XCTAssertEqual(two.columns.map(\.title), ["Name", "School", "ID"])
        var single = table(schools: ["Franklin High School"], grades: ["9"])
        XCTAssertEqual(single.sayingUniformColumnsOnce(), [], "one row is not a column repeating itself")
        XCTAssertEqual(single.columns.count, 4)
        var blank = table(schools: ["", ""], grades: ["9", "10"])
        XCTAssertEqual(blank.sayingUniformColumnsOnce(), [], "an empty column says nothing")
    }
}
