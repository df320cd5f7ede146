extension HubMigrations {
    /// v8: `student_records(students)`, the records of the students a counselor fetches
    /// whole (a first pull, a student who enters their scope), with the counselor's scope
    /// checked once per student rather than once per record (docs/HUB.md "Sync",
    /// docs/PERFORMANCE.md "Sync with a hub").
    ///
    /// Read through row-level security, v2's policy called `can_see(student)` for every
    /// record: a SECURITY DEFINER function is never inlined, so a 300-student caseload
    /// (about 25,000 records) ran it, with its two `me()` calls, 25,000 times, and the fetch
    /// took ten times as long as the same query as the administrator. A policy that takes
    /// the scope as one set per statement was tried: it made every single-record read of a
    /// push twice as slow. This function is SECURITY DEFINER and applies the read policy's
    /// own rule for these records: only students `can_see` lets this login see, never audit
    /// rows, another author's confidential records never. `HubSecurityTests` holds it equal
    /// to what the same login reads through the policy.
    static let v8 = """
        CREATE FUNCTION waypoint.student_records(p_students text[])
            RETURNS TABLE (student text, table_name text, uid text, version bigint, payload text)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
            SELECT r.student, r.table_name, r.uid, r.version, r.payload::text FROM waypoint.synced_record r
            WHERE r.student = ANY (ARRAY(SELECT s FROM unnest(p_students) AS s WHERE waypoint.can_see(s)))
              AND r.table_name <> 'audit_event'
              AND (NOT r.confidential OR r.author = waypoint.me())
            ORDER BY r.student, r.ordinal
        $$;
        REVOKE ALL ON FUNCTION waypoint.student_records(text[]) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION waypoint.student_records(text[]) TO waypoint_counselor;
        """
}
