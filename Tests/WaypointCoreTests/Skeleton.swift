import XCTest
final class WaypointCoreTestsSkeleton: XCTestCase { func testNothingYet() {} }
