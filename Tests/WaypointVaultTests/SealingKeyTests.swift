import Foundation
@testable import WaypointVault
import XCTest

/// The sealing key of confidential records synced through a hub (docs/SYNC.md).
final class SealingKeyTests: XCTestCase {
    func testAWrappedKeyOpensOnlyWithItsPassphrase() throws {
        let key = SealingKey.generate()
        let wrapped = try key.wrapped(passphrase: "three lanterns on a river", cost: .forTesting)
        XCTAssertNil(wrapped.range(of: key.bytes), "the wrapped key does not hold the key's bytes")
        XCTAssertEqual(try SealingKey.unwrap(wrapped, passphrase: "three lanterns on a river"), key)
        XCTAssertThrowsError(try SealingKey.unwrap(wrapped, passphrase: "three lanterns on a lake")) { error in
            XCTAssertEqual(error as? VaultError, .wrongPassphrase)
        }
    }

    func testASealedRecordOpensOnlyWithItsKeyAndForItsOwnRecord() throws {
        let key = SealingKey.generate()
        let text = Data("the marker MOONWIDGET".utf8)
        let sealed = try key.seal(text, context: "session_note/s-1/1")
        XCTAssertNil(sealed.range(of: Data("MOONWIDGET".utf8)))
        XCTAssertEqual(try key.open(sealed, context: "session_note/s-1/1"), text)
        XCTAssertNotEqual(try key.seal(text, context: "session_note/s-1/1"), sealed, "a fresh nonce each time")
        XCTAssertThrowsError(try key.open(sealed, context: "session_note/s-1/2"), "bound to its record")
        XCTAssertThrowsError(try SealingKey.generate().open(sealed, context: "session_note/s-1/1"), "another counselor's key")
        XCTAssertThrowsError(try SealingKey(bytes: Data(count: 16)))
    }
}
