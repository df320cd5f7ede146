import XCTest
import WaypointStore

final class DatabaseLocationTests: XCTestCase {
    private let full = [
        "WAYPOINT_DB": "/env/w.sqlite", "XDG_DATA_HOME": "/xdg/data", "HOME": "/home/dana",
        "WAYPOINT_CONFIG_DIR": "/env/config", "XDG_CONFIG_HOME": "/xdg/config",
    ]

    func testFlagWinsOverEverything() {
        XCTAssertEqual(DatabaseLocation.resolve(flag: "/flag/w.sqlite", environment: full), "/flag/w.sqlite")
    }

    func testEnvironmentThenXDGThenHome() {
        var environment = full
        XCTAssertEqual(DatabaseLocation.resolve(flag: nil, environment: environment), "/env/w.sqlite")
        environment["WAYPOINT_DB"] = ""
        XCTAssertEqual(DatabaseLocation.resolve(flag: "", environment: environment), "/xdg/data/waypoint/waypoint.sqlite")
        environment["XDG_DATA_HOME"] = nil
        XCTAssertEqual(DatabaseLocation.resolve(flag: nil, environment: environment),
                       "/home/dana/.local/share/waypoint/waypoint.sqlite")
    }

    func testRelativeXDGIsIgnored() {
        let environment = ["XDG_DATA_HOME": "data", "XDG_CONFIG_HOME": "config", "HOME": "/home/dana/"]
        XCTAssertEqual(DatabaseLocation.resolve(flag: nil, environment: environment),
                       "/home/dana/.local/share/waypoint/waypoint.sqlite")
        XCTAssertEqual(DatabaseLocation.configDirectory(environment: environment), "/home/dana/.config/waypoint")
    }

    func testTildeExpandsWithHome() {
        let environment = ["HOME": "/home/dana", "WAYPOINT_DB": "~/school/w.sqlite"]
        XCTAssertEqual(DatabaseLocation.resolve(flag: "~/x.sqlite", environment: environment), "/home/dana/x.sqlite")
        XCTAssertEqual(DatabaseLocation.resolve(flag: nil, environment: environment), "/home/dana/school/w.sqlite")
        XCTAssertEqual(DatabaseLocation.resolve(flag: "~other/x.sqlite", environment: environment), "~other/x.sqlite")
    }

    func testConfigDirectoryPrecedence() {
        var environment = full
        XCTAssertEqual(DatabaseLocation.configDirectory(environment: environment), "/env/config")
        environment["WAYPOINT_CONFIG_DIR"] = nil
        XCTAssertEqual(DatabaseLocation.configDirectory(environment: environment), "/xdg/config/waypoint")
        environment["XDG_CONFIG_HOME"] = nil
        XCTAssertEqual(DatabaseLocation.configDirectory(environment: environment), "/home/dana/.config/waypoint")
    }
}
