import XCTest
final class EndToEndTestsSkeleton: XCTestCase { func testNothingYet() {} }
