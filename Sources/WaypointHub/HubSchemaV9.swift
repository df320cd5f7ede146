extension HubMigrations {
    /// v9: the intervention rules that span fields, as the workstation's schema holds them
    /// (v6-interventions' CHECKs and its "closed is final" trigger): an end date is not
    /// before the start date, a closed intervention says when it ended and when it was
    /// closed, and once closed it does not change. v4's value rules check each field on its
    /// own; these need two fields, or the record as it was. With them the hub never takes a
    /// closing over another (two workstations closing one intervention offline: the second
    /// is refused and listed, and "keep mine" is refused too), so what a pull brings is a
    /// closing the hub took (local v22-intervention-pulls lets a pull write it).
    /// Frozen once shipped.
    static let v9 = #"""
        CREATE FUNCTION waypoint.check_intervention() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
            v_start text := NEW.payload ->> 'startDate';
            v_end text := NEW.payload ->> 'endDate';
            v_status text := NEW.payload ->> 'status';
        BEGIN
            IF v_start IS NOT NULL AND v_end IS NOT NULL AND v_end < v_start THEN
                RAISE EXCEPTION 'intervention: its end date (%) is before its start date (%)', v_end, v_start
                    USING ERRCODE = 'check_violation';
            END IF;
            IF v_status <> 'active' AND (v_end IS NULL OR NEW.payload ->> 'closedAt' IS NULL) THEN
                RAISE EXCEPTION 'intervention: a % one says when it ended and when it was closed, and this one does not',
                    v_status USING ERRCODE = 'check_violation';
            END IF;
            IF TG_OP = 'UPDATE' AND OLD.payload ->> 'status' IS DISTINCT FROM 'active'
               AND NEW.payload IS DISTINCT FROM OLD.payload THEN
                RAISE EXCEPTION 'intervention: it was closed (%) at the hub, and a closed intervention does not change',
                    OLD.payload ->> 'status' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $fn$;
        REVOKE ALL ON FUNCTION waypoint.check_intervention() FROM PUBLIC;
        CREATE TRIGGER intervention_rules BEFORE INSERT OR UPDATE ON waypoint.synced_record
            FOR EACH ROW WHEN (NEW.table_name = 'intervention') EXECUTE FUNCTION waypoint.check_intervention();
        """#
}
