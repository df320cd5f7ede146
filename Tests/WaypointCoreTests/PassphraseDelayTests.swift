import Foundation
import WaypointCore
import XCTest

final class PassphraseDelayTests: XCTestCase {
    func testAFewTyposAreFreeThenTheWaitDoublesToItsCap() {
        let waits = (1...10).map { PassphraseDelay.wait(afterFailures: $0) }
        XCTAssertEqual(waits, [0, 0, 0, 0, 30, 60, 120, 240, 300, 300])
        XCTAssertEqual(PassphraseDelay.wait(afterFailures: 10_000), PassphraseDelay.longestWait, "no overflow on a long run")
    }

    func testAHundredWrongTriesImposeHoursOfWaiting() {
        let total = (1...100).map { PassphraseDelay.wait(afterFailures: $0) }.reduce(0, +)
        XCTAssertGreaterThan(total, 5 * 3600, "a guesser gets a few dozen tries a day, not five a second")
    }

    func testTheMessageNamesTheCounselorAndTheWaitInWholeUnits() {
        XCTAssertEqual(PassphraseDelay.message(name: "Ana Rivera", remaining: 90),
                       "Too many wrong passphrases for Ana Rivera: try again in 2 min")
        XCTAssertEqual(PassphraseDelay.spoken(29.2), "30 s")
        XCTAssertEqual(PassphraseDelay.spoken(0.1), "1 s")
        XCTAssertEqual(PassphraseDelay.spoken(300), "5 min")
    }
}
