import XCTest
final class WaypointUITestsSkeleton: XCTestCase { func testNothingYet() {} }
