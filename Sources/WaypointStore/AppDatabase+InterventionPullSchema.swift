import GRDB

extension AppDatabase {
    /// v22: a closed intervention stays closed for what the counselor does here, not for
    /// what the hub sends. When two workstations close one intervention offline, the hub
    /// keeps the first closing; the other's is refused, and its pull must write the hub's
    /// closing over its own closed row (and "keep mine" must write its own back). Before,
    /// the rule refused those writes, and with them the whole page: sync stopped for good.
    /// The hub holds the same rule for its own records (hub migration v9-intervention-rules),
    /// so a pull only ever brings a closing the hub took.
    static func letPullsWriteClosedInterventions(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER intervention_closed_is_final;
            CREATE TRIGGER intervention_closed_is_final BEFORE UPDATE ON intervention
            WHEN OLD.status <> 'active' AND coalesce((SELECT applyingPull FROM sync_state WHERE id = 1), 0) = 0
            BEGIN SELECT RAISE(ABORT, 'a closed intervention cannot change'); END;
            """)
    }
}
