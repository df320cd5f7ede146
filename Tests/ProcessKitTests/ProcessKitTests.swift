import Foundation
import ProcessKit
import XCTest

final class ProcessKitTests: XCTestCase {
    func testInputArgumentsAndEnvironmentReachTheChildAndBothOutputsComeBack() throws {
        let result = try ProcessKit.run("/bin/sh", ["-c", "cat; echo \"$1 $GREETING\" >&2; exit 3", "sh", "to"],
                                        environment: ["GREETING": "counselor"], input: Data("a note\n".utf8))
        XCTAssertEqual(String(decoding: result.stdout, as: UTF8.self), "a note\n")
        XCTAssertEqual(String(decoding: result.stderr, as: UTF8.self), "to counselor\n")
        XCTAssertEqual(result.termination.exitCode, 3)
        XCTAssertNil(result.termination.signal)
        XCTAssertEqual(result.status, 3)
    }

    /// Far more than a pipe holds (64 KiB) on both outputs at once: nothing waits for a reader.
    func testLargeOutputOnBothStreamsDoesNotStall() throws {
        let result = try ProcessKit.run("/bin/sh", ["-c", "head -c 3000000 /dev/zero; head -c 2000000 /dev/zero >&2"], timeout: 60)
        XCTAssertFalse(result.termination.timedOut)
        XCTAssertEqual(result.stdout.count, 3_000_000)
        XCTAssertEqual(result.stderr.count, 2_000_000)
    }

    func testASignalIsReportedAsTheSignalAndAsAShellStatus() throws {
        let result = try ProcessKit.run("/bin/sh", ["-c", "kill -TERM $$"])
        XCTAssertNil(result.termination.exitCode)
        XCTAssertEqual(result.termination.signal, SIGTERM)
        XCTAssertEqual(result.status, 128 + SIGTERM)
    }

    /// The child blocks opening a FIFO nobody writes to: only the timeout can end it.
    func testTheTimeoutKillsAChildThatNeverEnds() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("processkit-\(UUID().uuidString)").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        defer { unlink(fifo) }
        let result = try ProcessKit.run("/bin/sh", ["-c", "read line < \"$1\"", "sh", fifo], timeout: 0.5)
        XCTAssertTrue(result.termination.timedOut)
        XCTAssertEqual(result.termination.signal, SIGKILL)
    }

    func testAMissingExecutableIsAFailureNamingIt() {
        XCTAssertThrowsError(try ProcessKit.run("/nonexistent/tool", [])) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/tool"), "\(error)")
        }
    }
}
