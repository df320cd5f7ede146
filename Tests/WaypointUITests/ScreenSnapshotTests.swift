import TerminalKit
import WaypointCore
import XCTest
@testable import WaypointUI

final class ScreenSnapshotTests: XCTestCase {
    private func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        RootView.render(state, into: &buffer)
        return buffer
    }

    func testCaseloadAt80x24() {
        assertScreen(render(Fixtures.caseloadState()), matches: "caseload-80x24")
    }

    func testCaseloadAt120x40() {
        assertScreen(render(Fixtures.caseloadState(size: Size(width: 120, height: 40))), matches: "caseload-120x40")
    }

    func testCaseloadWhileSearching() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.startSearch)))
        for character in "ngu" { _ = reduce(&state, .edit(.char(character))) }
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: [Fixtures.entries()[0]]))
        assertScreen(render(state), matches: "caseload-search-80x24")
    }

    func testHelpOverlay() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.global(.help)))
        assertScreen(render(state), matches: "help-80x24")
    }

    func testCounselorPicker() {
        var state = Fixtures.caseloadState()
        _ = reduce(&state, .command(.caseload(.switchCounselor)))
        assertScreen(render(state), matches: "counselor-picker-80x24")
    }

    func testWelcome() {
        var state = AppState(size: Size(width: 80, height: 24))
        state.databasePath = "/home/counselor/.local/share/waypoint/waypoint.sqlite"
        _ = reduce(&state, .started(counselors: [], isEmpty: true))
        assertScreen(render(state), matches: "welcome-80x24")
    }

    func testTooSmall() {
        assertScreen(render(Fixtures.caseloadState(size: Size(width: 50, height: 10))), matches: "too-small-50x10")
    }

    func testEveryScreenFillsTheWholeArea() {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)] {
            let buffer = render(Fixtures.caseloadState(size: size))
            XCTAssertEqual(buffer.size, size)
            XCTAssertTrue(buffer.line(0).contains("Caseload of Ana Rivera"))
            XCTAssertEqual(buffer[0, size.height - 1].style, Theme.footer, "the footer is on the last row")
            XCTAssertEqual(buffer[size.width - 1, 0].style, Theme.titleBar, "the title bar spans the width")
        }
    }

    func testWideNamesLineUpWithTheColumns() {
        let buffer = render(Fixtures.caseloadState())
        let header = buffer.line(1)
        let idColumn = DisplayWidth.of(header.prefix(upTo: header.range(of: "ID")!.lowerBound))
        for y in 2..<12 {
            // The ID column starts at the same display column on every row, whatever the script of the name.
            let line = buffer.line(y)
            guard let range = line.range(of: "S1000") else { continue }
            XCTAssertEqual(DisplayWidth.of(line[..<range.lowerBound]), idColumn, "row \(y): \(line)")
        }
    }

    func testHostileNamesNeverReachTheScreenAsControls() {
        var state = Fixtures.caseloadState()
        var entries = Fixtures.entries(count: 2)
        entries[0].student.familyName = "Evil\u{1B}[2J\u{1B}]0;pwned\u{07}"
        entries[1].schoolName = "\u{9B}31mRed"
        _ = reduce(&state, .caseloadLoaded(token: state.caseload.requestToken, rows: entries))
        let buffer = render(state)
        for y in 0..<buffer.size.height {
            for x in 0..<buffer.size.width {
                XCTAssertFalse(buffer[x, y].symbol.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            }
        }
    }
}
