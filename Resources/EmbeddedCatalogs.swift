/// The default catalogs, compiled into the binary from the JSON files beside this one, so
/// a copied `waypoint` binary needs no resource folder. A district overrides a catalog by
/// putting a file of the same name in its config folder (see `CatalogLoader`).
enum EmbeddedCatalogs {
    static let files: [String: [UInt8]] = [
        "session-kinds.json": PackageResources.session_kinds_json,
    ]
}
