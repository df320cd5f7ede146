import XCTest
final class TerminalKitTestsSkeleton: XCTestCase { func testNothingYet() {} }
