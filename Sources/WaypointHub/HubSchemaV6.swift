extension HubMigrations {
    /// v6: reminders that repeat and check-in plans (the workstation's v18-reminders). A
    /// follow-up's payload gains `repeatDays`, `repeatUntil`, `whileTier` and `repeatedFrom`
    /// (the uid of the reminder it was made from); `value_rule` gets their rules, which
    /// HubValueRulesTests holds equal to `SyncValueRules`. Frozen once shipped.
    static let v6 = #"""
        INSERT INTO waypoint.value_rule VALUES
            ('follow_up', 'repeatDays', 'number', false, false, NULL, NULL, NULL, 1, 365, true, NULL),
            ('follow_up', 'repeatUntil', 'date', false, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('follow_up', 'whileTier', 'number', false, false, NULL, NULL, NULL, 2, 3, true, NULL),
            ('follow_up', 'repeatedFrom', 'text', false, false, 255, false, NULL, NULL, NULL, NULL, NULL);
        """#
}
