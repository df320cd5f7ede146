extension HubMigrations {
    /// v2: the hub's side of sync (docs/SYNC.md, docs/HUB.md "Sync"). Frozen once shipped.
    ///
    /// - Every record a workstation syncs lives in ONE table, `synced_record`, as the
    ///   workstation's row with global keys (`payload`), because the hub's rules are the same
    ///   for every table. v1's typed session, topic and note tables go: two session stores
    ///   would be two rules. The lead's `report_session` view is rebuilt over synced_record.
    /// - `student`, `author` and `confidential` are derived from the payload by a trigger, so
    ///   row-level security decides on them and no writer can claim other values.
    /// - `apply_change` (SECURITY INVOKER: it runs as the counselor's own role, so RLS
    ///   decides) applies one pushed change once, with compare-and-set on `version`.
    /// - The AFTER trigger writes `change_log` rows under v1's advisory lock (seq order is
    ///   commit order) with NO payload: a pull joins the log to the record's current row, so
    ///   a record later sealed leaves no clear copy behind. A delete logs only its key.
    /// - `sealing_key` keeps each counselor's wrapped sealing key; the first one stored stays.
    ///
    /// The table list and the sealed shape's clear fields are written out here (a shipped
    /// migration never changes); HubSyncTests hold them equal to `SyncTable.all` and
    /// `SyncSealing.clearFields`.
    static let v2 = """
        DROP VIEW waypoint.report_session;
        DROP TABLE waypoint.session_note, waypoint.session_topic, waypoint.advising_session;
        DROP FUNCTION waypoint.keep_confidential_sealed();

        -- Changes are remembered per counselor by the workstation's own id ("ws:seq:rev").
        ALTER TABLE waypoint.applied_change DROP CONSTRAINT applied_change_pkey;
        ALTER TABLE waypoint.applied_change ALTER COLUMN change_uid TYPE text;
        ALTER TABLE waypoint.applied_change ADD PRIMARY KEY (counselor, change_uid);

        -- Marks the log rows of synced records, the ones a workstation pulls.
        ALTER TABLE waypoint.change_log ADD COLUMN synced boolean NOT NULL DEFAULT false;

        CREATE SEQUENCE waypoint.record_ordinal;
        CREATE TABLE waypoint.synced_record (
            table_name text NOT NULL CHECK (table_name IN ('advising_session', 'session_topic', 'session_note',
                'follow_up', 'plan', 'pathway_change', 'plan_course', 'milestone_status', 'work_based_learning',
                'college_credit', 'certification', 'competency_evidence', 'intervention', 'intervention_note',
                'audit_event')),
            uid text NOT NULL CHECK (trim(uid) <> ''),
            student text REFERENCES waypoint.student ON DELETE RESTRICT,
            author text REFERENCES waypoint.counselor ON DELETE RESTRICT,
            confidential boolean NOT NULL DEFAULT false,
            version bigint NOT NULL CHECK (version >= 1),
            payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
            -- The change that wrote this version: an earlier revision of the same outbox
            -- entry ("ws:seq:") is not someone else's change.
            produced_by text NOT NULL,
            -- When the record was first written: a student's records are fetched in this
            -- order, parents before children.
            ordinal bigint NOT NULL DEFAULT nextval('waypoint.record_ordinal'),
            PRIMARY KEY (table_name, uid)
        );
        CREATE INDEX synced_record_on_student ON waypoint.synced_record (student, ordinal);

        CREATE FUNCTION waypoint.is_sealed_shape(p_payload jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $fn$
            SELECT p_payload ? 'sealed' AND NOT EXISTS (
                SELECT 1 FROM jsonb_object_keys(p_payload) k
                WHERE k <> ALL (ARRAY['author', 'isConfidential', 'sealed', 'session', 'student', 'version']))
        $fn$;

        -- The record's student: its own, or its session's or intervention's (as this role sees them).
        CREATE FUNCTION waypoint.record_student(p_payload jsonb) RETURNS text LANGUAGE sql STABLE AS $fn$
            SELECT coalesce(p_payload ->> 'student',
                (SELECT r.student FROM waypoint.synced_record r
                 WHERE r.table_name = 'advising_session' AND r.uid = p_payload ->> 'session'),
                (SELECT r.student FROM waypoint.synced_record r
                 WHERE r.table_name = 'intervention' AND r.uid = p_payload ->> 'intervention'))
        $fn$;

        CREATE FUNCTION waypoint.derive_record() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP = 'UPDATE' AND (NEW.table_name <> OLD.table_name OR NEW.uid <> OLD.uid) THEN
                RAISE EXCEPTION 'a record''s table and key never change' USING ERRCODE = 'check_violation';
            END IF;
            NEW.student := waypoint.record_student(NEW.payload);
            NEW.author := coalesce(NEW.payload ->> 'author', NEW.payload ->> 'owner', NEW.payload ->> 'counselor');
            NEW.confidential := coalesce(NEW.payload ->> 'isConfidential', '0') IN ('1', 'true')
                OR (NEW.table_name IN ('session_note', 'session_topic') AND EXISTS (
                    SELECT 1 FROM waypoint.synced_record r
                    WHERE r.table_name = 'advising_session' AND r.uid = NEW.payload ->> 'session' AND r.confidential));
            IF NEW.table_name = 'session_topic' AND NEW.confidential THEN
                RAISE EXCEPTION 'a confidential session''s topics travel sealed inside the session, never as records of their own'
                    USING ERRCODE = 'check_violation';
            END IF;
            IF NEW.confidential AND NOT waypoint.is_sealed_shape(NEW.payload) THEN
                RAISE EXCEPTION 'a confidential record is sealed on the workstation, never stored in clear at the hub (only student, author, session, version, isConfidential and sealed may be in clear)'
                    USING ERRCODE = 'check_violation';
            END IF;
            IF TG_OP = 'UPDATE' THEN
                IF NEW.student IS DISTINCT FROM OLD.student OR NEW.author IS DISTINCT FROM OLD.author THEN
                    RAISE EXCEPTION 'a record''s student and author never change' USING ERRCODE = 'check_violation';
                END IF;
                -- Append-only records change only to be sealed (a session made confidential later).
                IF NEW.table_name IN ('session_note', 'pathway_change', 'intervention_note', 'audit_event')
                   AND NOT (NEW.confidential AND NOT waypoint.is_sealed_shape(OLD.payload)) THEN
                    RAISE EXCEPTION '% records are added, never changed', NEW.table_name USING ERRCODE = 'insufficient_privilege';
                END IF;
            END IF;
            RETURN NEW;
        END $fn$;

        CREATE FUNCTION waypoint.refuse_record_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF OLD.table_name IN ('session_note', 'pathway_change', 'intervention_note', 'audit_event',
                                  'advising_session', 'intervention') THEN
                RAISE EXCEPTION '% records are never removed', OLD.table_name USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN OLD;
        END $fn$;

        -- The log row has no payload: a pull reads the record as it is now. A delete keeps
        -- only the key fields a workstation finds the row by. The audit trail goes up, never
        -- round, so it is not logged for pulls.
        CREATE FUNCTION waypoint.log_record() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp AS $fn$
        DECLARE
            r waypoint.synced_record;
        BEGIN
            IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
            IF r.table_name = 'audit_event' THEN RETURN NULL; END IF;
            IF TG_OP = 'UPDATE' AND NEW.version = OLD.version AND NEW.payload = OLD.payload THEN RETURN NULL; END IF;
            -- Held until commit: seq order is commit order (as v1's log_change).
            PERFORM pg_advisory_xact_lock(7761819010);
            INSERT INTO waypoint.change_log (seq, student_sourced_id, audience, private_to, table_name, row_key, op, synced, row)
            VALUES (nextval('waypoint.change_seq'), r.student, NULL, CASE WHEN r.confidential THEN r.author END,
                    r.table_name, r.uid, lower(TG_OP), true,
                    CASE WHEN TG_OP = 'DELETE' THEN (
                        SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb) FROM jsonb_each(OLD.payload) e
                        WHERE e.key IN ('student', 'session', 'intervention', 'milestoneId', 'topic', 'version')) END);
            RETURN NULL;
        END $fn$;

        CREATE TRIGGER derive BEFORE INSERT OR UPDATE ON waypoint.synced_record
            FOR EACH ROW EXECUTE FUNCTION waypoint.derive_record();
        CREATE TRIGGER never_removed BEFORE DELETE ON waypoint.synced_record
            FOR EACH ROW EXECUTE FUNCTION waypoint.refuse_record_delete();
        CREATE TRIGGER never_emptied BEFORE TRUNCATE ON waypoint.synced_record
            FOR EACH STATEMENT EXECUTE FUNCTION waypoint.refuse_change('synced records are never emptied wholesale');
        CREATE TRIGGER log_record AFTER INSERT OR UPDATE OR DELETE ON waypoint.synced_record
            FOR EACH ROW EXECUTE FUNCTION waypoint.log_record();

        -- One change, as its counselor: the rules of docs/SYNC.md "Push". Returns
        -- {"outcome": "applied", "version": n} or {"outcome": "refused", "reason", "detail"}.
        CREATE FUNCTION waypoint.try_change(p_me text, p_change_id text, p_table text, p_uid text, p_op text,
                                            p_base_version bigint, p_payload text) RETURNS jsonb
            LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $fn$
        DECLARE
            v_body jsonb;
            v_cur waypoint.synced_record;
            v_has_cur boolean;
            v_student text;
            v_version bigint;
            v_entry text := split_part(p_change_id, ':', 1) || ':' || split_part(p_change_id, ':', 2) || ':';
        BEGIN
            IF p_op NOT IN ('insert', 'update', 'delete') THEN
                RETURN jsonb_build_object('outcome', 'refused', 'reason', 'invalid', 'detail', 'no such operation: ' || p_op);
            END IF;
            BEGIN
                v_body := p_payload::jsonb;
            EXCEPTION WHEN data_exception THEN
                RETURN jsonb_build_object('outcome', 'refused', 'reason', 'invalid', 'detail', 'its record is not JSON: ' || SQLERRM);
            END;
            IF v_body IS NULL OR jsonb_typeof(v_body) <> 'object' THEN
                RETURN jsonb_build_object('outcome', 'refused', 'reason', 'invalid', 'detail', 'its record is not a JSON object');
            END IF;
            -- Two pushers of one record (even of one not there yet) take turns; the second
            -- reads what the first committed.
            PERFORM pg_advisory_xact_lock(hashtextextended(p_table || '/' || p_uid, 7761819030));
            SELECT * INTO v_cur FROM waypoint.synced_record r WHERE r.table_name = p_table AND r.uid = p_uid;
            v_has_cur := FOUND;
            v_student := CASE WHEN v_has_cur THEN v_cur.student ELSE waypoint.record_student(v_body) END;
            -- An audit row is the counselor's own record of what they did, whoever it concerns.
            IF NOT ((p_table = 'audit_event' AND v_body ->> 'counselor' = p_me)
                    OR (v_student IS NOT NULL AND waypoint.can_see(v_student))) THEN
                RETURN jsonb_build_object('outcome', 'refused', 'reason', 'notPermitted', 'detail', 'not a student of this counselor');
            END IF;
            IF NOT v_has_cur AND p_op <> 'delete' AND EXISTS (
                SELECT 1 FROM jsonb_each_text(v_body) e
                WHERE e.key IN ('author', 'owner', 'counselor') AND e.value IS NOT NULL AND e.value <> p_me) THEN
                RETURN jsonb_build_object('outcome', 'refused', 'reason', 'notPermitted', 'detail', 'written in another counselor''s name');
            END IF;
            v_version := CASE WHEN v_has_cur THEN v_cur.version ELSE 0 END;
            IF v_version <> p_base_version AND NOT (v_has_cur AND starts_with(v_cur.produced_by, v_entry)) THEN
                RETURN jsonb_build_object('outcome', 'refused', 'reason', 'changedElsewhere', 'detail', 'changed at the hub since');
            END IF;
            BEGIN
                IF p_op = 'delete' THEN
                    IF v_has_cur THEN
                        DELETE FROM waypoint.synced_record r WHERE r.table_name = p_table AND r.uid = p_uid;
                        IF NOT FOUND THEN
                            RETURN jsonb_build_object('outcome', 'refused', 'reason', 'notPermitted', 'detail', 'this counselor may not remove it');
                        END IF;
                    END IF;
                ELSIF v_has_cur THEN
                    UPDATE waypoint.synced_record r SET payload = v_body, version = v_version + 1, produced_by = p_change_id
                    WHERE r.table_name = p_table AND r.uid = p_uid;
                    IF NOT FOUND THEN
                        RETURN jsonb_build_object('outcome', 'refused', 'reason', 'notPermitted', 'detail', 'this counselor may not change it');
                    END IF;
                ELSE
                    INSERT INTO waypoint.synced_record (table_name, uid, version, payload, produced_by)
                    VALUES (p_table, p_uid, 1, v_body, p_change_id);
                END IF;
            EXCEPTION
                WHEN unique_violation THEN
                    -- Another pusher's insert of this key committed first: a conflict, as any.
                    IF EXISTS (SELECT 1 FROM waypoint.synced_record r WHERE r.table_name = p_table AND r.uid = p_uid) THEN
                        RETURN jsonb_build_object('outcome', 'refused', 'reason', 'changedElsewhere', 'detail', 'changed at the hub since');
                    END IF;
                    -- The key is taken by a record this role cannot read (another author's confidential one).
                    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'notPermitted', 'detail', 'a record this counselor may not see has this key');
                WHEN insufficient_privilege THEN
                    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'notPermitted', 'detail', SQLERRM);
                WHEN integrity_constraint_violation OR data_exception THEN
                    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'invalid', 'detail', SQLERRM);
            END;
            RETURN jsonb_build_object('outcome', 'applied', 'version', v_version + 1);
        END $fn$;

        -- Applies one change once per change id (a repeat returns the first outcome), and
        -- adds the hub's current record ("theirs") to a refusal.
        CREATE FUNCTION waypoint.apply_change(p_change_id text, p_table text, p_uid text, p_op text,
                                              p_base_version bigint, p_payload text) RETURNS jsonb
            LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $fn$
        DECLARE
            v_me text := waypoint.me();
            v_outcome jsonb;
            v_theirs record;
        BEGIN
            IF v_me IS NULL THEN
                RETURN jsonb_build_object('outcome', 'refused', 'reason', 'notPermitted',
                    'detail', 'this login is not an active counselor at the hub');
            END IF;
            -- The same change delivered twice at once: the second waits and finds the first's answer.
            PERFORM pg_advisory_xact_lock(hashtextextended(v_me || ' ' || p_change_id, 7761819020));
            SELECT a.result INTO v_outcome FROM waypoint.applied_change a WHERE a.counselor = v_me AND a.change_uid = p_change_id;
            IF NOT FOUND THEN
                v_outcome := waypoint.try_change(v_me, p_change_id, p_table, p_uid, p_op, p_base_version, p_payload);
                -- A refusal by scope or rule is not kept: the same change may pass once the
                -- student is shared; an applied change or a conflict is answered the same forever.
                IF v_outcome ->> 'outcome' = 'applied' OR v_outcome ->> 'reason' = 'changedElsewhere' THEN
                    INSERT INTO waypoint.applied_change (change_uid, counselor, result) VALUES (p_change_id, v_me, v_outcome);
                END IF;
            END IF;
            IF v_outcome ->> 'outcome' = 'refused' THEN
                SELECT r.version, r.payload INTO v_theirs FROM waypoint.synced_record r
                WHERE r.table_name = p_table AND r.uid = p_uid;
                IF FOUND THEN
                    v_outcome := v_outcome || jsonb_build_object('theirsVersion', v_theirs.version, 'theirs', v_theirs.payload::text);
                END IF;
            END IF;
            RETURN v_outcome;
        END $fn$;

        CREATE TABLE waypoint.sealing_key (
            counselor text PRIMARY KEY REFERENCES waypoint.counselor ON DELETE RESTRICT,
            wrapped bytea NOT NULL CHECK (length(wrapped) > 0),
            stored_at timestamptz NOT NULL DEFAULT now()
        );

        -- The first key a counselor stores is kept; the caller's own row only.
        CREATE FUNCTION waypoint.store_sealing_key(p_wrapped bytea) RETURNS bytea LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp AS $fn$
        DECLARE
            v_me text := waypoint.me();
            v_kept bytea;
        BEGIN
            IF v_me IS NULL THEN
                RAISE EXCEPTION 'this login is not an active counselor at the hub' USING ERRCODE = 'insufficient_privilege';
            END IF;
            INSERT INTO waypoint.sealing_key (counselor, wrapped) VALUES (v_me, p_wrapped) ON CONFLICT (counselor) DO NOTHING;
            SELECT k.wrapped INTO v_kept FROM waypoint.sealing_key k WHERE k.counselor = v_me;
            RETURN v_kept;
        END $fn$;

        -- The newest committed seq, for a pull that found nothing of its own after its checkpoint.
        CREATE FUNCTION waypoint.change_head() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp AS $fn$
            SELECT coalesce(max(seq), 0) FROM waypoint.change_log
        $fn$;

        -- Reports for leads, over the one session store: never payload text, never names.
        -- A confidential session's kind and minutes are sealed, so they count without them.
        CREATE VIEW waypoint.report_session WITH (security_barrier) AS
            SELECT uid, student AS student_sourced_id, author AS author_sourced_id,
                   payload ->> 'startedAt' AS started_at,
                   (payload ->> 'durationMinutes')::numeric::integer AS duration_minutes,
                   payload ->> 'kind' AS kind, confidential AS is_confidential,
                   coalesce(payload ->> 'isArchived', '0') IN ('1', 'true') AS is_archived
            FROM waypoint.synced_record WHERE table_name = 'advising_session';

        REVOKE ALL ON waypoint.synced_record, waypoint.sealing_key, waypoint.report_session FROM PUBLIC;
        REVOKE ALL ON FUNCTION waypoint.is_sealed_shape(jsonb), waypoint.record_student(jsonb),
            waypoint.try_change(text, text, text, text, text, bigint, text),
            waypoint.apply_change(text, text, text, text, bigint, text), waypoint.store_sealing_key(bytea),
            waypoint.change_head() FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION waypoint.is_sealed_shape(jsonb), waypoint.record_student(jsonb),
            waypoint.try_change(text, text, text, text, text, bigint, text),
            waypoint.apply_change(text, text, text, text, bigint, text), waypoint.store_sealing_key(bytea),
            waypoint.change_head() TO waypoint_counselor, waypoint_admin;
        GRANT SELECT, INSERT, UPDATE, DELETE ON waypoint.synced_record TO waypoint_counselor, waypoint_admin;
        GRANT USAGE ON SEQUENCE waypoint.record_ordinal TO waypoint_counselor, waypoint_admin;
        GRANT INSERT ON waypoint.applied_change TO waypoint_counselor;
        GRANT SELECT ON waypoint.sealing_key TO waypoint_counselor;
        GRANT SELECT, INSERT, UPDATE, DELETE ON waypoint.sealing_key TO waypoint_admin;
        GRANT SELECT ON waypoint.report_session TO waypoint_lead, waypoint_admin;

        ALTER TABLE waypoint.synced_record ENABLE ROW LEVEL SECURITY;
        ALTER TABLE waypoint.synced_record FORCE ROW LEVEL SECURITY;
        ALTER TABLE waypoint.sealing_key ENABLE ROW LEVEL SECURITY;
        ALTER TABLE waypoint.sealing_key FORCE ROW LEVEL SECURITY;
        CREATE POLICY admin_all ON waypoint.synced_record TO waypoint_admin USING (true) WITH CHECK (true);
        CREATE POLICY admin_all ON waypoint.sealing_key TO waypoint_admin USING (true) WITH CHECK (true);

        -- Students this counselor can see, except another author's confidential records; audit
        -- rows only their own, and those never change.
        CREATE POLICY counselor_reads ON waypoint.synced_record FOR SELECT TO waypoint_counselor
            USING (CASE WHEN table_name = 'audit_event' THEN author = waypoint.me()
                        ELSE waypoint.can_see(student) AND (NOT confidential OR author = waypoint.me()) END);
        CREATE POLICY counselor_writes ON waypoint.synced_record FOR INSERT TO waypoint_counselor
            WITH CHECK ((author IS NULL OR author = waypoint.me())
                        AND (waypoint.can_see(student) OR (table_name = 'audit_event' AND author = waypoint.me())));
        CREATE POLICY counselor_changes ON waypoint.synced_record FOR UPDATE TO waypoint_counselor
            USING (table_name <> 'audit_event' AND waypoint.can_see(student) AND (NOT confidential OR author = waypoint.me()))
            WITH CHECK (table_name <> 'audit_event' AND waypoint.can_see(student) AND (NOT confidential OR author = waypoint.me()));
        CREATE POLICY counselor_removes ON waypoint.synced_record FOR DELETE TO waypoint_counselor
            USING (table_name <> 'audit_event' AND waypoint.can_see(student) AND (NOT confidential OR author = waypoint.me()));
        CREATE POLICY counselor_records ON waypoint.applied_change FOR INSERT TO waypoint_counselor
            WITH CHECK (counselor = waypoint.me());
        CREATE POLICY counselor_reads ON waypoint.sealing_key FOR SELECT TO waypoint_counselor
            USING (counselor = waypoint.me());
        """
}
