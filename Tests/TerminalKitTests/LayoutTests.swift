import XCTest
@testable import TerminalKit

final class LayoutTests: XCTestCase {
    let area = Rect(x: 0, y: 0, width: 100, height: 10)

    func testFixedAndFill() {
        let parts = Layout.split(area, .vertical, [.fixed(1), .fill(1), .fixed(1)])
        XCTAssertEqual(parts.map(\.height), [1, 8, 1])
        XCTAssertEqual(parts.map(\.y), [0, 1, 9])
    }

    func testPercentage() {
        let parts = Layout.split(area, .horizontal, [.percentage(30), .fill(1)])
        XCTAssertEqual(parts.map(\.width), [30, 70])
        XCTAssertEqual(parts[1].x, 30)
    }

    func testFillWeightsShareTheRest() {
        let parts = Layout.split(area, .horizontal, [.fixed(10), .fill(1), .fill(2)])
        XCTAssertEqual(parts.map(\.width), [10, 30, 60])
    }

    func testMinGrowsButNeverShrinksBelowItsMinimumWhenThereIsRoom() {
        let parts = Layout.split(area, .horizontal, [.min(20), .fixed(50)])
        XCTAssertEqual(parts.map(\.width), [50, 50])
    }

    func testSpacingIsLeftBetweenParts() {
        let parts = Layout.split(Rect(x: 0, y: 0, width: 10, height: 1), .horizontal, [.fixed(3), .fill(1)], spacing: 1)
        XCTAssertEqual(parts.map(\.x), [0, 4])
        XCTAssertEqual(parts.map(\.width), [3, 6])
    }

    func testTooLittleRoomShrinksTheLastPartsFirst() {
        let parts = Layout.split(Rect(x: 0, y: 0, width: 10, height: 1), .horizontal, [.fixed(6), .fixed(6), .fill(1)])
        XCTAssertEqual(parts.map(\.width), [6, 4, 0])
    }

    func testRectHelpers() {
        XCTAssertEqual(area.centered(Size(width: 10, height: 4)), Rect(x: 45, y: 3, width: 10, height: 4))
        XCTAssertEqual(area.inset(by: 1), Rect(x: 1, y: 1, width: 98, height: 8))
        XCTAssertTrue(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 1).isEmpty)
    }
}
