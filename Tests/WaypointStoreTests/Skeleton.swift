import XCTest
final class WaypointStoreTestsSkeleton: XCTestCase { func testNothingYet() {} }
