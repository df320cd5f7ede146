extension HubMigrations {
    /// v1: the hub's first schema. Frozen once shipped: a later change is a new migration.
    ///
    /// - Roster entities are keyed by their OneRoster sourcedId; records a workstation makes
    ///   carry a `uid` made where they are created, so a record made offline has one identity.
    /// - Mutable rows carry `version`, set by the hub (`bump_version`): the compare-and-set base.
    /// - `change_log` is written only by the AFTER triggers (`log_change`). Each trigger takes
    ///   one fixed transaction-scoped advisory lock before it draws its `seq`; the lock is held
    ///   until commit, so seqs are drawn in commit order and a pull `WHERE seq > checkpoint`
    ///   can never skip a change that commits late.
    /// - Row-level security is enabled and forced on every table; see docs/HUB.md for what
    ///   each group role may read and write, and why.
    static let v1 = """
        DO $roles$ BEGIN
            CREATE ROLE waypoint_counselor NOLOGIN;
        EXCEPTION WHEN duplicate_object THEN NULL;
        END $roles$;
        DO $roles$ BEGIN
            CREATE ROLE waypoint_lead NOLOGIN;
        EXCEPTION WHEN duplicate_object THEN NULL;
        END $roles$;
        DO $roles$ BEGIN
            CREATE ROLE waypoint_admin NOLOGIN;
        EXCEPTION WHEN duplicate_object THEN NULL;
        END $roles$;
        -- The owner (who runs hub init) acts through the admin policies: with FORCE ROW LEVEL
        -- SECURITY the owner is held to the policies too, unless it is a superuser.
        DO $roles$ BEGIN
            IF NOT pg_has_role(current_user, 'waypoint_admin', 'MEMBER') THEN
                EXECUTE format('GRANT waypoint_admin TO %I', current_user);
            END IF;
        END $roles$;

        CREATE TABLE waypoint.hub_meta (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            schema_version integer NOT NULL,
            min_workstation_protocol integer NOT NULL,
            max_workstation_protocol integer NOT NULL
        );
        INSERT INTO waypoint.hub_meta VALUES (true, 1, 1, 1);

        CREATE TABLE waypoint.school (
            sourced_id text PRIMARY KEY CHECK (trim(sourced_id) <> ''),
            name text NOT NULL CHECK (trim(name) <> ''),
            parent_sourced_id text,
            version bigint NOT NULL DEFAULT 1
        );

        CREATE TABLE waypoint.counselor (
            sourced_id text PRIMARY KEY CHECK (trim(sourced_id) <> ''),
            given_name text NOT NULL,
            family_name text NOT NULL,
            email text,
            username text,
            is_active boolean NOT NULL DEFAULT true,
            is_lead boolean NOT NULL DEFAULT false,
            -- The PostgreSQL login role this counselor connects as (waypoint hub counselor add).
            role_name text UNIQUE,
            version bigint NOT NULL DEFAULT 1
        );

        CREATE TABLE waypoint.student (
            sourced_id text PRIMARY KEY CHECK (trim(sourced_id) <> ''),
            local_id text NOT NULL UNIQUE CHECK (trim(local_id) <> ''),
            given_name text NOT NULL,
            middle_name text,
            family_name text NOT NULL,
            preferred_name text,
            grade integer NOT NULL CHECK (grade BETWEEN -1 AND 13),
            school_sourced_id text NOT NULL REFERENCES waypoint.school ON DELETE RESTRICT,
            birth_date text,
            gender text,
            race_ethnicity text,
            english_learner boolean,
            special_education boolean,
            economically_disadvantaged boolean,
            is_active boolean NOT NULL DEFAULT true,
            version bigint NOT NULL DEFAULT 1
        );
        CREATE INDEX student_on_school ON waypoint.student (school_sourced_id, grade);

        CREATE TABLE waypoint.caseload (
            counselor_sourced_id text NOT NULL REFERENCES waypoint.counselor ON DELETE CASCADE,
            student_sourced_id text NOT NULL REFERENCES waypoint.student ON DELETE CASCADE,
            PRIMARY KEY (counselor_sourced_id, student_sourced_id)
        );
        CREATE INDEX caseload_on_student ON waypoint.caseload (student_sourced_id);

        -- A student shown to a colleague (covering an absence, a second opinion).
        CREATE TABLE waypoint.student_share (
            student_sourced_id text NOT NULL REFERENCES waypoint.student ON DELETE CASCADE,
            counselor_sourced_id text NOT NULL REFERENCES waypoint.counselor ON DELETE CASCADE,
            shared_by text NOT NULL REFERENCES waypoint.counselor,
            PRIMARY KEY (student_sourced_id, counselor_sourced_id)
        );
        CREATE INDEX student_share_on_counselor ON waypoint.student_share (counselor_sourced_id);

        -- A confidential session's participants, topics and note text are sealed on the
        -- author's workstation (WaypointVault) into `sealed`: the hub holds only ciphertext.
        CREATE TABLE waypoint.advising_session (
            uid uuid PRIMARY KEY,
            student_sourced_id text NOT NULL REFERENCES waypoint.student ON DELETE RESTRICT,
            author_sourced_id text NOT NULL REFERENCES waypoint.counselor ON DELETE RESTRICT,
            started_at timestamptz NOT NULL,
            duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 0 AND 1440),
            kind text NOT NULL CHECK (trim(kind) <> ''),
            participants text,
            is_confidential boolean NOT NULL DEFAULT false,
            sealed bytea,
            is_archived boolean NOT NULL DEFAULT false,
            archived_at timestamptz,
            created_at timestamptz NOT NULL,
            version bigint NOT NULL DEFAULT 1,
            CONSTRAINT confidential_is_sealed CHECK (CASE WHEN is_confidential
                THEN participants IS NULL AND sealed IS NOT NULL ELSE participants IS NOT NULL AND sealed IS NULL END)
        );
        CREATE INDEX advising_session_on_student ON waypoint.advising_session (student_sourced_id, started_at);

        CREATE TABLE waypoint.session_topic (
            session_uid uuid NOT NULL REFERENCES waypoint.advising_session ON DELETE RESTRICT,
            topic text NOT NULL CHECK (trim(topic) <> ''),
            PRIMARY KEY (session_uid, topic)
        );

        CREATE TABLE waypoint.session_note (
            session_uid uuid NOT NULL REFERENCES waypoint.advising_session ON DELETE RESTRICT,
            version integer NOT NULL CHECK (version >= 1),
            text text,
            sealed bytea,
            author_sourced_id text NOT NULL REFERENCES waypoint.counselor ON DELETE RESTRICT,
            created_at timestamptz NOT NULL,
            PRIMARY KEY (session_uid, version),
            CHECK ((text IS NULL) <> (sealed IS NULL))
        );

        CREATE TABLE waypoint.abc_attendance (
            student_sourced_id text NOT NULL REFERENCES waypoint.student ON DELETE RESTRICT,
            term text NOT NULL CHECK (trim(term) <> ''),
            start_date text NOT NULL,
            end_date text NOT NULL,
            days_enrolled integer NOT NULL CHECK (days_enrolled BETWEEN 0 AND 366),
            days_present integer NOT NULL CHECK (days_present >= 0 AND days_present <= days_enrolled),
            version bigint NOT NULL DEFAULT 1,
            CHECK (end_date >= start_date),
            PRIMARY KEY (student_sourced_id, term)
        );

        CREATE TABLE waypoint.abc_incident (
            student_sourced_id text NOT NULL REFERENCES waypoint.student ON DELETE RESTRICT,
            date text NOT NULL,
            kind text NOT NULL
                CHECK (kind IN ('referral', 'detention', 'in-school-suspension', 'suspension', 'expulsion', 'other')),
            severity text NOT NULL CHECK (severity IN ('minor', 'major')),
            suspension_days double precision NOT NULL CHECK (suspension_days BETWEEN 0 AND 180),
            incident_id text,
            source_key text NOT NULL,
            version bigint NOT NULL DEFAULT 1,
            PRIMARY KEY (student_sourced_id, date, kind, source_key)
        );

        CREATE TABLE waypoint.abc_course_mark (
            student_sourced_id text NOT NULL REFERENCES waypoint.student ON DELETE RESTRICT,
            term text NOT NULL CHECK (trim(term) <> ''),
            course text NOT NULL CHECK (trim(course) <> ''),
            subject text,
            mark text NOT NULL CHECK (trim(mark) <> ''),
            credits_attempted double precision NOT NULL CHECK (credits_attempted BETWEEN 0 AND 10),
            credits_earned double precision NOT NULL CHECK (credits_earned >= 0 AND credits_earned <= credits_attempted),
            is_core boolean NOT NULL,
            version bigint NOT NULL DEFAULT 1,
            PRIMARY KEY (student_sourced_id, term, course)
        );

        CREATE TABLE waypoint.audit_event (
            uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            at timestamptz NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            counselor_sourced_id text REFERENCES waypoint.counselor ON DELETE RESTRICT,
            actor text NOT NULL CHECK (trim(actor) <> ''),
            action text NOT NULL CHECK (action IN ('viewedProfile', 'viewedSession', 'viewedConfidentialNote',
                'viewedPlan', 'addedSession', 'amendedSession', 'archivedSession', 'addedFollowUp', 'changedFollowUp',
                'changedPlan', 'addedIntervention', 'notedIntervention', 'closedIntervention', 'importedRoster',
                'importedABC', 'loadedDemo', 'exported', 'backedUp', 'restored', 'setPassphrase', 'changedPassphrase',
                'tookOver', 'unlockRefused', 'wrongPassphrase', 'chosenAtFirstStart', 'madeAdmin', 'issuedPassphrase')),
            student_sourced_id text REFERENCES waypoint.student ON DELETE RESTRICT,
            subject text NOT NULL DEFAULT '',
            detail text NOT NULL DEFAULT ''
        );
        CREATE INDEX audit_event_on_counselor ON waypoint.audit_event (counselor_sourced_id, at);

        CREATE SEQUENCE waypoint.change_seq;
        CREATE TABLE waypoint.change_log (
            seq bigint PRIMARY KEY,
            -- The student the change belongs to (NULL: schools, counselors), for scoping pulls.
            student_sourced_id text,
            -- Caseload and share rows: the counselor whose scope the student enters or leaves.
            audience text,
            -- A confidential session's rows: its author, the only one who may see the change.
            private_to text,
            table_name text NOT NULL,
            row_key text NOT NULL,
            op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
            row jsonb,
            applied_change uuid
        );
        CREATE INDEX change_log_on_student ON waypoint.change_log (student_sourced_id, seq);

        -- A change a workstation delivered, with the result it got: delivered again, the
        -- same result comes back and nothing is applied twice.
        CREATE TABLE waypoint.applied_change (
            change_uid uuid PRIMARY KEY,
            counselor text NOT NULL REFERENCES waypoint.counselor ON DELETE RESTRICT,
            result jsonb NOT NULL,
            seq bigint
        );

        -- The counselor connected now. session_user, not current_user: inside a SECURITY
        -- DEFINER function current_user is the function's owner.
        CREATE FUNCTION waypoint.me() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp AS $$
            SELECT sourced_id FROM waypoint.counselor WHERE role_name = session_user::text AND is_active
        $$;

        CREATE FUNCTION waypoint.can_see(student text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp AS $$
            SELECT EXISTS (SELECT 1 FROM waypoint.caseload
                           WHERE student_sourced_id = student AND counselor_sourced_id = waypoint.me())
                OR EXISTS (SELECT 1 FROM waypoint.student_share
                           WHERE student_sourced_id = student AND counselor_sourced_id = waypoint.me())
        $$;

        CREATE FUNCTION waypoint.bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.version := OLD.version;
            IF NEW IS DISTINCT FROM OLD THEN NEW.version := OLD.version + 1; END IF;
            RETURN NEW;
        END $$;

        CREATE FUNCTION waypoint.log_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            r jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
            key text := '';
            student text := CASE WHEN TG_TABLE_NAME = 'student' THEN r ->> 'sourced_id' ELSE r ->> 'student_sourced_id' END;
            private text := CASE WHEN (r ->> 'is_confidential')::boolean THEN r ->> 'author_sourced_id' END;
            i integer;
        BEGIN
            IF TG_OP = 'UPDATE' AND to_jsonb(OLD) = r THEN RETURN NULL; END IF;
            IF TG_TABLE_NAME IN ('session_topic', 'session_note') THEN
                SELECT s.student_sourced_id, CASE WHEN s.is_confidential THEN s.author_sourced_id END
                INTO student, private FROM waypoint.advising_session s WHERE s.uid = (r ->> 'session_uid')::uuid;
            END IF;
            FOR i IN 0 .. TG_NARGS - 1 LOOP
                key := key || CASE WHEN i > 0 THEN E'\\x1f' ELSE '' END || coalesce(r ->> TG_ARGV[i], '');
            END LOOP;
            -- Held until commit: whoever draws the next seq waits for this transaction to end,
            -- so seq order is commit order.
            PERFORM pg_advisory_xact_lock(7761819010);
            INSERT INTO waypoint.change_log
            VALUES (nextval('waypoint.change_seq'), student,
                    CASE WHEN TG_TABLE_NAME IN ('caseload', 'student_share') THEN r ->> 'counselor_sourced_id' END,
                    private, TG_TABLE_NAME, key, lower(TG_OP), CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE r END,
                    nullif(current_setting('waypoint.change_uid', true), '')::uuid);
            RETURN NULL;
        END $$;

        CREATE FUNCTION waypoint.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'insufficient_privilege';
        END $$;

        CREATE FUNCTION waypoint.keep_confidential_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM waypoint.advising_session WHERE uid = NEW.session_uid AND is_confidential)
               AND (TG_TABLE_NAME = 'session_topic' OR to_jsonb(NEW) ->> 'text' IS NOT NULL) THEN
                RAISE EXCEPTION 'a confidential session''s topics and notes are sealed on the workstation, never stored in clear at the hub'
                    USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$;

        CREATE TRIGGER bump_version BEFORE UPDATE ON waypoint.school FOR EACH ROW EXECUTE FUNCTION waypoint.bump_version();
        CREATE TRIGGER bump_version BEFORE UPDATE ON waypoint.counselor FOR EACH ROW EXECUTE FUNCTION waypoint.bump_version();
        CREATE TRIGGER bump_version BEFORE UPDATE ON waypoint.student FOR EACH ROW EXECUTE FUNCTION waypoint.bump_version();
        CREATE TRIGGER bump_version BEFORE UPDATE ON waypoint.advising_session FOR EACH ROW EXECUTE FUNCTION waypoint.bump_version();
        CREATE TRIGGER bump_version BEFORE UPDATE ON waypoint.abc_attendance FOR EACH ROW EXECUTE FUNCTION waypoint.bump_version();
        CREATE TRIGGER bump_version BEFORE UPDATE ON waypoint.abc_incident FOR EACH ROW EXECUTE FUNCTION waypoint.bump_version();
        CREATE TRIGGER bump_version BEFORE UPDATE ON waypoint.abc_course_mark FOR EACH ROW EXECUTE FUNCTION waypoint.bump_version();

        CREATE TRIGGER log_change AFTER INSERT OR UPDATE OR DELETE ON waypoint.school
            FOR EACH ROW EXECUTE FUNCTION waypoint.log_change('sourced_id');
        CREATE TRIGGER log_change AFTER INSERT OR UPDATE OR DELETE ON waypoint.counselor
            FOR EACH ROW EXECUTE FUNCTION waypoint.log_change('sourced_id');
        CREATE TRIGGER log_change AFTER INSERT OR UPDATE OR DELETE ON waypoint.student
            FOR EACH ROW EXECUTE FUNCTION waypoint.log_change('sourced_id');
        CREATE TRIGGER log_change AFTER INSERT OR UPDATE OR DELETE ON waypoint.caseload
            FOR EACH ROW EXECUTE FUNCTION waypoint.log_change('counselor_sourced_id', 'student_sourced_id');
        CREATE TRIGGER log_change AFTER INSERT OR UPDATE OR DELETE ON waypoint.student_share
            FOR EACH ROW EXECUTE FUNCTION waypoint.log_change('counselor_sourced_id', 'student_sourced_id');
        CREATE TRIGGER log_change AFTER INSERT OR UPDATE OR DELETE ON waypoint.advising_session
            FOR EACH ROW EXECUTE FUNCTION waypoint.log_change('uid');
        CREATE TRIGGER log_change AFTER INSERT OR UPDATE OR DELETE ON waypoint.session_topic
            FOR EACH ROW EXECUTE FUNCTION waypoint.log_change('session_uid', 'topic');
        CREATE TRIGGER log_change AFTER INSERT OR UPDATE OR DELETE ON waypoint.session_note
            FOR EACH ROW EXECUTE FUNCTION waypoint.log_change('session_uid', 'version');
        CREATE TRIGGER log_change AFTER INSERT OR UPDATE OR DELETE ON waypoint.abc_attendance
            FOR EACH ROW EXECUTE FUNCTION waypoint.log_change('student_sourced_id', 'term');
        CREATE TRIGGER log_change AFTER INSERT OR UPDATE OR DELETE ON waypoint.abc_incident
            FOR EACH ROW EXECUTE FUNCTION waypoint.log_change('student_sourced_id', 'date', 'kind', 'source_key');
        CREATE TRIGGER log_change AFTER INSERT OR UPDATE OR DELETE ON waypoint.abc_course_mark
            FOR EACH ROW EXECUTE FUNCTION waypoint.log_change('student_sourced_id', 'term', 'course');

        CREATE TRIGGER keep_sealed BEFORE INSERT OR UPDATE ON waypoint.session_topic
            FOR EACH ROW EXECUTE FUNCTION waypoint.keep_confidential_sealed();
        CREATE TRIGGER keep_sealed BEFORE INSERT OR UPDATE ON waypoint.session_note
            FOR EACH ROW EXECUTE FUNCTION waypoint.keep_confidential_sealed();
        CREATE TRIGGER never_deleted BEFORE DELETE ON waypoint.advising_session
            FOR EACH ROW EXECUTE FUNCTION waypoint.refuse_change('sessions are archived, never deleted');
        CREATE TRIGGER fixed_fields BEFORE UPDATE OF student_sourced_id, author_sourced_id, created_at ON waypoint.advising_session
            FOR EACH ROW WHEN (NEW.student_sourced_id IS DISTINCT FROM OLD.student_sourced_id
                OR NEW.author_sourced_id IS DISTINCT FROM OLD.author_sourced_id OR NEW.created_at IS DISTINCT FROM OLD.created_at)
            EXECUTE FUNCTION waypoint.refuse_change('a session''s student, author and creation time cannot change');
        CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON waypoint.session_note
            FOR EACH ROW EXECUTE FUNCTION waypoint.refuse_change('note versions are added, never changed or removed');
        -- Append-only for everyone, the owner's mistakes included: no UPDATE, DELETE or
        -- TRUNCATE is granted, and these refuse them anyway.
        CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON waypoint.audit_event
            FOR EACH ROW EXECUTE FUNCTION waypoint.refuse_change('the audit trail is append-only: its rows are never changed or removed');
        CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON waypoint.audit_event
            FOR EACH STATEMENT EXECUTE FUNCTION waypoint.refuse_change('the audit trail is append-only: it is never emptied');
        CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON waypoint.change_log
            FOR EACH ROW EXECUTE FUNCTION waypoint.refuse_change('the change log is append-only');

        -- Reports for leads: counts by school, grade, group and counselor, never names or note text.
        CREATE VIEW waypoint.report_student WITH (security_barrier) AS
            SELECT sourced_id, school_sourced_id, grade, gender, race_ethnicity, english_learner,
                   special_education, economically_disadvantaged, is_active
            FROM waypoint.student;
        CREATE VIEW waypoint.report_session WITH (security_barrier) AS
            SELECT uid, student_sourced_id, author_sourced_id, started_at, duration_minutes, kind,
                   is_confidential, is_archived
            FROM waypoint.advising_session;

        -- Privileges: nothing for PUBLIC; each group what its policies need.
        REVOKE ALL ON ALL TABLES IN SCHEMA waypoint FROM PUBLIC;
        REVOKE ALL ON ALL FUNCTIONS IN SCHEMA waypoint FROM PUBLIC;
        GRANT USAGE ON SCHEMA waypoint TO waypoint_counselor, waypoint_lead, waypoint_admin;
        GRANT EXECUTE ON FUNCTION waypoint.me(), waypoint.can_see(text) TO waypoint_counselor, waypoint_lead, waypoint_admin;
        GRANT SELECT ON waypoint.hub_meta, waypoint.school, waypoint.counselor TO waypoint_counselor, waypoint_lead;
        GRANT SELECT ON waypoint.student, waypoint.caseload, waypoint.abc_attendance, waypoint.abc_incident,
            waypoint.abc_course_mark, waypoint.change_log, waypoint.applied_change TO waypoint_counselor;
        GRANT SELECT, INSERT, DELETE ON waypoint.student_share TO waypoint_counselor;
        GRANT SELECT, INSERT, UPDATE ON waypoint.advising_session TO waypoint_counselor;
        GRANT SELECT, INSERT ON waypoint.session_topic, waypoint.session_note, waypoint.audit_event TO waypoint_counselor;
        GRANT SELECT ON waypoint.report_student, waypoint.report_session TO waypoint_lead;
        GRANT SELECT, INSERT, UPDATE, DELETE ON waypoint.hub_meta, waypoint.school, waypoint.counselor, waypoint.student,
            waypoint.caseload, waypoint.student_share, waypoint.advising_session, waypoint.session_topic,
            waypoint.session_note, waypoint.abc_attendance, waypoint.abc_incident, waypoint.abc_course_mark,
            waypoint.applied_change TO waypoint_admin;
        GRANT SELECT, INSERT ON waypoint.audit_event, waypoint.change_log TO waypoint_admin;
        GRANT SELECT ON waypoint.hub_migration, waypoint.report_student, waypoint.report_session TO waypoint_admin;
        GRANT SELECT ON waypoint.hub_migration TO waypoint_counselor, waypoint_lead;
        GRANT USAGE ON SEQUENCE waypoint.change_seq TO waypoint_admin;

        -- Row-level security, enabled and forced on every table.
        DO $rls$
        DECLARE t text;
        BEGIN
            FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'waypoint' LOOP
                EXECUTE format('ALTER TABLE waypoint.%I ENABLE ROW LEVEL SECURITY', t);
                EXECUTE format('ALTER TABLE waypoint.%I FORCE ROW LEVEL SECURITY', t);
                EXECUTE format('CREATE POLICY admin_all ON waypoint.%I TO waypoint_admin USING (true) WITH CHECK (true)', t);
            END LOOP;
        END $rls$;

        CREATE POLICY everyone_reads ON waypoint.hub_meta FOR SELECT TO waypoint_counselor, waypoint_lead USING (true);
        CREATE POLICY everyone_reads ON waypoint.hub_migration FOR SELECT TO waypoint_counselor, waypoint_lead USING (true);
        CREATE POLICY everyone_reads ON waypoint.school FOR SELECT TO waypoint_counselor, waypoint_lead USING (true);
        CREATE POLICY everyone_reads ON waypoint.counselor FOR SELECT TO waypoint_counselor, waypoint_lead USING (true);

        CREATE POLICY counselor_reads ON waypoint.student FOR SELECT TO waypoint_counselor
            USING (waypoint.can_see(sourced_id));
        CREATE POLICY counselor_reads ON waypoint.caseload FOR SELECT TO waypoint_counselor
            USING (counselor_sourced_id = waypoint.me() OR waypoint.can_see(student_sourced_id));
        CREATE POLICY counselor_reads ON waypoint.student_share FOR SELECT TO waypoint_counselor
            USING (counselor_sourced_id = waypoint.me() OR shared_by = waypoint.me());
        CREATE POLICY counselor_shares ON waypoint.student_share FOR INSERT TO waypoint_counselor
            WITH CHECK (shared_by = waypoint.me() AND waypoint.can_see(student_sourced_id));
        CREATE POLICY counselor_unshares ON waypoint.student_share FOR DELETE TO waypoint_counselor
            USING (shared_by = waypoint.me());

        CREATE POLICY counselor_reads ON waypoint.advising_session FOR SELECT TO waypoint_counselor
            USING (waypoint.can_see(student_sourced_id) AND (NOT is_confidential OR author_sourced_id = waypoint.me()));
        CREATE POLICY counselor_writes ON waypoint.advising_session FOR INSERT TO waypoint_counselor
            WITH CHECK (author_sourced_id = waypoint.me() AND waypoint.can_see(student_sourced_id));
        CREATE POLICY counselor_amends ON waypoint.advising_session FOR UPDATE TO waypoint_counselor
            USING (author_sourced_id = waypoint.me() AND waypoint.can_see(student_sourced_id))
            WITH CHECK (author_sourced_id = waypoint.me() AND waypoint.can_see(student_sourced_id));
        -- Topics and notes follow their session: the subquery is itself filtered by the
        -- session policies above.
        CREATE POLICY counselor_reads ON waypoint.session_topic FOR SELECT TO waypoint_counselor
            USING (EXISTS (SELECT 1 FROM waypoint.advising_session s WHERE s.uid = session_uid));
        CREATE POLICY counselor_writes ON waypoint.session_topic FOR INSERT TO waypoint_counselor
            WITH CHECK (EXISTS (SELECT 1 FROM waypoint.advising_session s
                                WHERE s.uid = session_uid AND s.author_sourced_id = waypoint.me()));
        CREATE POLICY counselor_reads ON waypoint.session_note FOR SELECT TO waypoint_counselor
            USING (EXISTS (SELECT 1 FROM waypoint.advising_session s WHERE s.uid = session_uid));
        CREATE POLICY counselor_writes ON waypoint.session_note FOR INSERT TO waypoint_counselor
            WITH CHECK (author_sourced_id = waypoint.me()
                        AND EXISTS (SELECT 1 FROM waypoint.advising_session s WHERE s.uid = session_uid));

        CREATE POLICY counselor_reads ON waypoint.abc_attendance FOR SELECT TO waypoint_counselor
            USING (waypoint.can_see(student_sourced_id));
        CREATE POLICY counselor_reads ON waypoint.abc_incident FOR SELECT TO waypoint_counselor
            USING (waypoint.can_see(student_sourced_id));
        CREATE POLICY counselor_reads ON waypoint.abc_course_mark FOR SELECT TO waypoint_counselor
            USING (waypoint.can_see(student_sourced_id));

        CREATE POLICY counselor_reads ON waypoint.audit_event FOR SELECT TO waypoint_counselor
            USING (counselor_sourced_id = waypoint.me());
        CREATE POLICY counselor_writes ON waypoint.audit_event FOR INSERT TO waypoint_counselor
            WITH CHECK (counselor_sourced_id = waypoint.me()
                        AND (student_sourced_id IS NULL OR waypoint.can_see(student_sourced_id)));

        CREATE POLICY counselor_reads ON waypoint.change_log FOR SELECT TO waypoint_counselor
            USING ((private_to IS NULL OR private_to = waypoint.me())
                   AND (audience = waypoint.me()
                        OR (audience IS NULL AND (student_sourced_id IS NULL OR waypoint.can_see(student_sourced_id)))));
        CREATE POLICY counselor_reads ON waypoint.applied_change FOR SELECT TO waypoint_counselor
            USING (counselor = waypoint.me());
        """
}
