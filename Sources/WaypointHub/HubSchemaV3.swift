extension HubMigrations {
    /// v3: what a lead's district reports read (`waypoint report ... --hub`). Per student,
    /// keyed by sourcedId, never a student's name or a note's text: the caseload's counselor,
    /// the pathway, milestone states, interventions' states, and the attendance, behavior and
    /// marks the early-warning tier is computed from (on the lead's machine, by WaypointCore's
    /// rules, so the hub and a workstation assess alike). Sessions come from v2's
    /// `report_session`.
    static let v3 = """
        CREATE VIEW waypoint.report_caseload WITH (security_barrier) AS
            SELECT cl.student_sourced_id, cl.counselor_sourced_id,
                   c.given_name || ' ' || c.family_name AS counselor_name, c.family_name, c.given_name
            FROM waypoint.caseload cl JOIN waypoint.counselor c ON c.sourced_id = cl.counselor_sourced_id;
        CREATE VIEW waypoint.report_plan WITH (security_barrier) AS
            SELECT student AS student_sourced_id, payload ->> 'pathwayId' AS pathway_id
            FROM waypoint.synced_record WHERE table_name = 'plan';
        CREATE VIEW waypoint.report_milestone WITH (security_barrier) AS
            SELECT student AS student_sourced_id, payload ->> 'milestoneId' AS milestone_id, payload ->> 'status' AS status
            FROM waypoint.synced_record WHERE table_name = 'milestone_status';
        CREATE VIEW waypoint.report_intervention WITH (security_barrier) AS
            SELECT student AS student_sourced_id, payload ->> 'status' AS status
            FROM waypoint.synced_record WHERE table_name = 'intervention';
        CREATE VIEW waypoint.report_abc_attendance WITH (security_barrier) AS
            SELECT student_sourced_id, term, start_date, end_date, days_enrolled, days_present
            FROM waypoint.abc_attendance;
        CREATE VIEW waypoint.report_abc_incident WITH (security_barrier) AS
            SELECT student_sourced_id, date, kind, severity, suspension_days FROM waypoint.abc_incident;
        CREATE VIEW waypoint.report_abc_mark WITH (security_barrier) AS
            SELECT student_sourced_id, term, course, subject, mark, credits_attempted, credits_earned, is_core
            FROM waypoint.abc_course_mark;

        REVOKE ALL ON waypoint.report_caseload, waypoint.report_plan, waypoint.report_milestone,
            waypoint.report_intervention, waypoint.report_abc_attendance, waypoint.report_abc_incident,
            waypoint.report_abc_mark FROM PUBLIC;
        GRANT SELECT ON waypoint.report_caseload, waypoint.report_plan, waypoint.report_milestone,
            waypoint.report_intervention, waypoint.report_abc_attendance, waypoint.report_abc_incident,
            waypoint.report_abc_mark TO waypoint_lead, waypoint_admin;
        """
}
