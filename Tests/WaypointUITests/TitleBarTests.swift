import TerminalKit
import XCTest
@testable import WaypointUI

final class TitleBarTests: XCTestCase {
    func testAHostileLongNameNeverRunsIntoTheRightSide() {
        var buffer = Buffer(size: Size(width: 80, height: 1))
        let name = String(repeating: "\u{1B}[2J\u{202E}PWNED", count: 20)
        TitleBar.render("Waypoint · \(name)", right: "Grade 9 · Riverside", into: &buffer, area: Rect(x: 0, y: 0, width: 80, height: 1))
        let line = buffer.text
        XCTAssertTrue(line.hasSuffix("…  Grade 9 · Riverside") || line.hasSuffix("… Grade 9 · Riverside"), line)
        XCTAssertLessThanOrEqual(DisplayWidth.of(line), 80)
    }
}
