import Foundation
import XCTest
@testable import WaypointUI

/// docs/KEYS.md is generated from the keymaps; this keeps it from drifting.
final class KeyReferenceDocTests: XCTestCase {
    func testDocsMatchTheKeymaps() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let document = try String(contentsOf: root.appendingPathComponent("docs/KEYS.md"), encoding: .utf8)
        XCTAssertEqual(document, KeyReference.markdown(),
                       "docs/KEYS.md is stale: regenerate it with `waypoint keys > docs/KEYS.md`")
    }
}
