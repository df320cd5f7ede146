import WaypointCore
import XCTest

final class IdleLockTests: XCTestCase {
    func testDurationsInMinutesAndSeconds() {
        XCTAssertEqual(IdleLock(parsing: "10m"), .after(600))
        XCTAssertEqual(IdleLock(parsing: " 90s "), .after(90))
        XCTAssertEqual(IdleLock(parsing: "1.5m"), .after(90))
        XCTAssertEqual(IdleLock(parsing: "OFF"), .off)
        XCTAssertEqual(IdleLock(parsing: "1h"), .after(3600))
        XCTAssertEqual(IdleLock(parsing: "24h"), .after(86_400))
        XCTAssertEqual(IdleLock.standard, .after(600), "ten minutes unless told otherwise")
    }

    func testNonsenseAndTooShortAreRefused() {
        for text in ["", "10", "m", "0m", "-5m", "3s", "ten minutes", "nanm", "infm", "2d", "25h"] {
            XCTAssertNil(IdleLock(parsing: text), text)
        }
    }

    func testTheDescriptionReadsBack() {
        for lock in [IdleLock.after(600), .after(45), .off] {
            XCTAssertEqual(IdleLock(parsing: lock.description), lock)
        }
    }
}
