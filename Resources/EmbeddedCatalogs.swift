/// The default catalogs, compiled into the binary from the JSON files beside this one, so
/// a copied `waypoint` binary needs no resource folder. A district overrides a catalog by
/// putting a file of the same name in its config folder (see `CatalogLoader`).
enum EmbeddedCatalogs {
    static let files: [String: [UInt8]] = [
        "session-kinds.json": PackageResources.session_kinds_json,
        "pathways.json": PackageResources.pathways_json,
        "milestones.json": PackageResources.milestones_json,
        "competencies.json": PackageResources.competencies_json,
        "requirement-sets.json": PackageResources.requirement_sets_json,
        "early-warning.json": PackageResources.early_warning_json,
        "intervention-kinds.json": PackageResources.intervention_kinds_json,
        "plan-text-en.json": PackageResources.plan_text_en_json,
        "plan-text-es.json": PackageResources.plan_text_es_json,
        "assessments.json": PackageResources.assessments_json,
        "courses.json": PackageResources.courses_json,
    ]
}
