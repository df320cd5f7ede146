import Foundation
import TerminalKit
import XCTest

/// Compares a rendered screen with a text file under `__Snapshots__` beside this test: its
/// size, its text, then its styles (`Buffer.styleMap`: a letter per styled column and a
/// legend), so a lost selection highlight or an error no longer in red fails as surely as
/// a changed word.
///
/// A missing reference is written and the test fails, so a new snapshot is always looked at
/// once; on CI (CI=true) a missing reference only fails. `WAYPOINT_RECORD_SNAPSHOTS=1`
/// rewrites references after an intended change: review the diff before committing it.
func assertScreen(_ buffer: Buffer, matches name: String, file: StaticString = #filePath, line: UInt = #line) {
    let text = "\(buffer.size)\n" + buffer.text + "\n--- styles\n" + buffer.styleMap + "\n"
    let directory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let reference = directory.appendingPathComponent("\(name).txt")
    let environment = ProcessInfo.processInfo.environment
    let record = environment["WAYPOINT_RECORD_SNAPSHOTS"] == "1"
    if !record, let expected = try? String(contentsOf: reference, encoding: .utf8) {
        if expected != text {
            XCTFail("screen differs from \(reference.path):\n--- expected\n\(expected)--- actual\n\(text)", file: file, line: line)
        }
        return
    }
    if environment["CI"] == "true", !record {
        XCTFail("no reference snapshot at \(reference.path); record it locally and commit it", file: file, line: line)
        return
    }
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try? text.write(to: reference, atomically: true, encoding: .utf8)
    if !record {
        XCTFail("recorded a new snapshot at \(reference.path); check it and run again", file: file, line: line)
    }
}
