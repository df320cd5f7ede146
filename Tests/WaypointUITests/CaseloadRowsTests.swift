import WaypointCore
import XCTest
@testable import WaypointUI

/// Rows shown as positions among the kept rows must read, count and compare like the rows
/// themselves copied out, or a search result would show or compare differently.
final class CaseloadRowsTests: XCTestCase {
    func testRowsAtPositionsReadAsThoseRowsInThatOrder() {
        let kept = Fixtures.entries()
        let rows = CaseloadRows(kept, positions: [7, 2, 19])
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows.map(\.id), [kept[7].id, kept[2].id, kept[19].id])
        XCTAssertEqual(rows.last?.id, kept[19].id)
        XCTAssertEqual(Array(rows[1..<3]).map(\.id), [kept[2].id, kept[19].id])
    }

    func testRowsCompareByWhatTheyShowNotHowTheyAreHeld() {
        let kept = Fixtures.entries()
        XCTAssertEqual(CaseloadRows(kept, positions: [3, 4]), CaseloadRows([kept[3], kept[4]]))
        XCTAssertEqual(CaseloadRows(kept, positions: Array(kept.indices)), CaseloadRows(kept))
        XCTAssertNotEqual(CaseloadRows(kept, positions: [3, 4]), CaseloadRows(kept, positions: [4, 3]))
        XCTAssertNotEqual(CaseloadRows(kept, positions: [3]), CaseloadRows(kept, positions: [3, 4]))
        var changed = kept
        changed[3].student.familyName = "Quillfeather"
        XCTAssertNotEqual(CaseloadRows(kept, positions: [3]), CaseloadRows(changed, positions: [3]))
        XCTAssertEqual(CaseloadRows(kept, positions: []), [])
    }
}
