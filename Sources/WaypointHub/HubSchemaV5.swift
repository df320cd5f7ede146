extension HubMigrations {
    /// v5: the caseload and share rows of the change log addressed to a counselor (`audience`),
    /// found by an index, so a workstation's first pull reads its scope (a few hundred rows)
    /// instead of walking the district's whole log under row-level security (docs/SYNC.md
    /// "Pull", docs/PERFORMANCE.md "Sync with a hub"). Numbered 5: v4 is the hub's value checks.
    static let v5 = """
        CREATE INDEX change_log_on_audience ON waypoint.change_log (audience, seq) WHERE audience IS NOT NULL;
        """
}
