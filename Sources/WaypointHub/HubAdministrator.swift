import PostgresNIO

extension HubConnection {
    /// The administrator's commands (imports, counselors, caseloads) run only on a hub of this
    /// Waypoint's schema, with a login of the hub's administrators. Checked before anything
    /// else: on a database that is no hub the engine's own words ("relation waypoint.school
    /// does not exist") said nothing useful, and a counselor's login, for whom row-level
    /// security hides every student not theirs, was told a student was "not at the hub".
    func requireAdministrator() async throws(HubError) {
        _ = try await checkSchema()
        let rows = try await query("""
            SELECT pg_has_role(current_user, 'waypoint_admin', 'MEMBER')
                       OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
                   pg_has_role(current_user, 'waypoint_counselor', 'MEMBER')
            """)
        guard let (administrator, counselor) = try? rows.first?.decode((Bool, Bool).self), !administrator else { return }
        throw .refused("\(address.user) is \(counselor ? "a counselor's login" : "a login"), not an administrator's, "
            + "at the hub \(address.place): the roster, counselors and caseloads are changed with the login that ran "
            + "hub init (or another member of waypoint_admin). Nothing was changed.")
    }
}
