extension HubMigrations {
    /// v7: the hub takes the intervention fields a workstation writes since its local
    /// migration v21-interventions (issue 15, item 5): who delivers it by name, the tier and
    /// area, the planned weeks and what its notes measure; a note's sessions delivered and
    /// measured value. Records are stored as their payload, so only the value rules are new
    /// (`SyncValueRules`; HubValueRulesTests holds the two together). All are optional: a
    /// record from a workstation before v21 has none of them and stays valid. Frozen once shipped.
    static let v7 = #"""
        INSERT INTO waypoint.value_rule VALUES
            ('intervention', 'ownerName', 'text', false, true, 200, true, NULL, NULL, NULL, NULL, NULL),
            ('intervention', 'tier', 'number', false, false, NULL, NULL, NULL, 1, 3, true, NULL),
            ('intervention', 'area', 'oneOf', false, false, NULL, NULL, ARRAY['academic', 'attendance', 'behavior', 'social-emotional', 'career'], NULL, NULL, NULL, NULL),
            ('intervention', 'plannedWeeks', 'number', false, false, NULL, NULL, NULL, 1, 52, true, NULL),
            ('intervention', 'measure', 'text', false, true, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('intervention_note', 'sessionsDelivered', 'number', false, false, NULL, NULL, NULL, 0, 60, true, NULL),
            ('intervention_note', 'measuredValue', 'number', false, false, NULL, NULL, NULL, -100000, 100000, false, NULL);
        """#
}
