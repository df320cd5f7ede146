// swift-tools-version: 6.1
import PackageDescription

// Dependencies point one way: waypoint -> WaypointEffects -> (WaypointUI, WaypointStore) -> WaypointCore;
// WaypointUI -> TerminalKit. The UI never sees the store: the compiler keeps it away from I/O.
// Only CursesBackend imports CNcurses; nothing else touches the terminal.
let package = Package(
    name: "Waypoint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "waypoint", targets: ["waypoint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // Property-based tests (the sync convergence tests): test targets only.
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .target(name: "WaypointCore"),
        .target(
            name: "WaypointStore",
            // Crypto for one digest: whether a roster bundle is the one last imported.
            dependencies: ["WaypointCore", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The default catalogs (Resources/catalogs/*.json), compiled into the binary.
        .target(
            name: "WaypointCatalogs",
            dependencies: ["WaypointCore"],
            path: "Resources",
            sources: ["EmbeddedCatalogs.swift", "CatalogLoader.swift"],
            resources: [
                .embedInCode("catalogs/session-kinds.json"),
                .embedInCode("catalogs/pathways.json"),
                .embedInCode("catalogs/milestones.json"),
                .embedInCode("catalogs/competencies.json"),
                .embedInCode("catalogs/requirement-sets.json"),
                .embedInCode("catalogs/early-warning.json"),
                .embedInCode("catalogs/intervention-kinds.json"),
                .embedInCode("catalogs/plan-text-en.json"),
                .embedInCode("catalogs/plan-text-es.json"),
                .embedInCode("catalogs/assessments.json"),
                .embedInCode("catalogs/courses.json"),
            ]
        ),
        // Exports and roster import: files in and out, no terminal, no database. TerminalKit
        // only for its sanitizer: every format's output policy starts from the same rule.
        .target(name: "Interchange", dependencies: ["WaypointCore", "TerminalKit"]),
        .target(name: "TerminalKit"),
        // Starting child processes and waiting for them (posix_spawn, wait4, a timeout), for
        // the benchmark and the end-to-end tests. Knows nothing of Waypoint.
        .target(name: "ProcessKit"),
        // Passphrase hashes and encrypted backups: swift-crypto only, no database, no terminal.
        .target(
            name: "WaypointVault",
            dependencies: [.product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "CryptoExtras", package: "swift-crypto")]
        ),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "CursesBackend", dependencies: ["TerminalKit", "CNcurses"]),
        // The screens: state, reducers, keymaps and views. No I/O: it cannot import the store,
        // the importers or the vault, and names the work it needs as `Effect` values that an
        // `EffectPerformer` (WaypointEffects) carries out.
        .target(
            name: "WaypointUI",
            dependencies: ["WaypointCore", "WaypointCatalogs", "TerminalKit"]
        ),
        // Performs the UI's effects over the store, the importers and the vault, with the
        // clock injected; the executable only wires it to the screen.
        .target(
            name: "WaypointEffects",
            dependencies: ["WaypointCore", "WaypointStore", "WaypointCatalogs", "WaypointUI", "Interchange", "WaypointVault",
                           "WaypointSync", "ProcessKit"]
        ),
        // The workstation's side of sync with a district hub (docs/SYNC.md): push the outbox,
        // pull by checkpoint. Speaks to the hub only through `HubLink` (WaypointCore).
        .target(name: "WaypointSync", dependencies: ["WaypointCore", "WaypointStore", "WaypointVault"]),
        // The hub's rules in memory (ModelHub) for tests of the workstation's side: only test
        // targets depend on it, so it never ships in the binary.
        .target(name: "WaypointSyncTesting", dependencies: ["WaypointCore", "WaypointStore", "WaypointSync"]),
        // The district hub on PostgreSQL: connection and credentials, hub migrations, counselor
        // roles, roster import into the hub. No GRDB, no terminal.
        .target(
            name: "WaypointHub",
            dependencies: ["WaypointCore", "Interchange", .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "CryptoExtras", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "waypoint",
            dependencies: [
                "WaypointCore", "WaypointStore", "WaypointCatalogs", "Interchange", "TerminalKit", "CursesBackend", "WaypointUI",
                "WaypointEffects", "WaypointVault", "ProcessKit", "WaypointHub", "WaypointSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "WaypointCoreTests", dependencies: ["WaypointCore", "WaypointCatalogs"]),
        .testTarget(
            name: "InterchangeTests",
            dependencies: ["Interchange", "WaypointCore", "WaypointCatalogs", "WaypointStore",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "WaypointStoreTests", dependencies: ["WaypointStore", "WaypointCatalogs"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"]),
        .testTarget(name: "WaypointVaultTests", dependencies: ["WaypointVault"]),
        .testTarget(
            name: "WaypointUITests",
            dependencies: ["WaypointUI", "WaypointEffects", "TerminalKit", "WaypointStore", "Interchange", "WaypointSync",
                           "WaypointSyncTesting"],
            exclude: ["__Snapshots__"]
        ),
        // The private PostgreSQL cluster and a database per test, shared by the hub's tests.
        .target(
            name: "HubTestSupport",
            dependencies: ["WaypointHub", "ProcessKit", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Tests/HubTestSupport"
        ),
        .testTarget(name: "HubTests", dependencies: ["WaypointHub", "WaypointCore", "Interchange", "ProcessKit", "HubTestSupport",
                                                    "WaypointStore", "WaypointCatalogs"]),
        // A workstation's synced rows in payload form, for the sync tests (model and PostgreSQL).
        .target(
            name: "SyncTestSupport",
            dependencies: ["WaypointStore", "WaypointCore", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/SyncTestSupport"
        ),
        // Workstations (SQLite) syncing with a real PostgreSQL hub.
        .testTarget(
            name: "HubSyncTests",
            dependencies: ["WaypointSync", "WaypointStore", "WaypointHub", "WaypointCore", "Interchange", "ProcessKit",
                           "HubTestSupport", "SyncTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "ProcessKitTests", dependencies: ["ProcessKit"]),
        .testTarget(
            name: "WaypointSyncTests",
            dependencies: ["WaypointSync", "WaypointSyncTesting", "WaypointStore", "WaypointCore", "WaypointVault", "Interchange", "SyncTestSupport",
                           "WaypointCatalogs", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        // The real binary in tmux; with HubTestSupport, two workstations syncing through a real hub.
        .testTarget(name: "EndToEndTests", dependencies: ["WaypointStore", "ProcessKit", "HubTestSupport", "WaypointHub",
                                                         .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
