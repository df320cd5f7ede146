extension HubMigrations {
    /// v4: the hub holds what it stores to the workstation's rules (docs/HUB.md "Rules the
    /// hub checks"). Frozen once shipped.
    ///
    /// - `value_rule` is `SyncValueRules` written out (a shipped migration never changes;
    ///   HubValueRulesTests compares the two and tries the check at each rule's edges). A
    ///   BEFORE trigger refuses a record any rule refuses, whoever writes it (apply_change or
    ///   psql), naming table, field and value; apply_change answers it as `invalid`.
    /// - A follow-up, note or topic of a confidential session is refused in clear, also when
    ///   the writer cannot see the session (the lookup is the hub's own, not the writer's).
    /// - The hub stamps when it received a record (`synced_record.received_at`) and an audit
    ///   row (`audit_event.recorded_at`); a writer's value there is replaced. The time a
    ///   workstation claims stays in the record, as data; nothing orders by it.
    /// - A share that changes nothing (the colleague has the student on their caseload, or
    ///   the same share exists) is refused by the table, with a sentence.
    /// - Each change_log row names the workstation that pushed it (`pushed_from`, the first
    ///   part of the change id) and the counselor (`pushed_by`), so a pull skips what its own
    ///   workstation sent. `try_change` becomes a wrapper that says which change is being
    ///   applied; v2's body is kept, renamed.
    static let v4 = #"""
        CREATE TABLE waypoint.value_rule (
            table_name text NOT NULL,
            field text NOT NULL,
            kind text NOT NULL CHECK (kind IN ('text', 'oneOf', 'number', 'date', 'time', 'flag')),
            required boolean NOT NULL,
            non_blank boolean NOT NULL,
            max_length integer,
            line_breaks boolean,
            allowed text[],
            low numeric,
            high numeric,
            whole boolean,
            pattern text,
            PRIMARY KEY (table_name, field)
        );
        INSERT INTO waypoint.value_rule VALUES
            ('advising_session', 'student', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('advising_session', 'author', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('advising_session', 'startedAt', 'time', true, false, NULL, NULL, NULL, NULL, NULL, NULL, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$'),
            ('advising_session', 'durationMinutes', 'number', true, false, NULL, NULL, NULL, 0, 1440, true, NULL),
            ('advising_session', 'kind', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('advising_session', 'participants', 'text', true, false, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('advising_session', 'isConfidential', 'flag', true, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('advising_session', 'isArchived', 'flag', true, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('advising_session', 'archivedAt', 'time', false, false, NULL, NULL, NULL, NULL, NULL, NULL, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$'),
            ('advising_session', 'createdAt', 'time', true, false, NULL, NULL, NULL, NULL, NULL, NULL, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$'),
            ('session_topic', 'session', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('session_topic', 'topic', 'text', true, true, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('session_note', 'session', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('session_note', 'version', 'number', true, false, NULL, NULL, NULL, 1, 1000000, true, NULL),
            ('session_note', 'text', 'text', true, false, 100000, true, NULL, NULL, NULL, NULL, NULL),
            ('session_note', 'author', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('session_note', 'createdAt', 'time', true, false, NULL, NULL, NULL, NULL, NULL, NULL, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$'),
            ('follow_up', 'student', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('follow_up', 'session', 'text', false, false, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('follow_up', 'author', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('follow_up', 'text', 'text', true, true, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('follow_up', 'dueDate', 'date', false, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('follow_up', 'status', 'oneOf', true, false, NULL, NULL, ARRAY['open', 'done', 'dropped'], NULL, NULL, NULL, NULL),
            ('follow_up', 'createdAt', 'time', true, false, NULL, NULL, NULL, NULL, NULL, NULL, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$'),
            ('follow_up', 'closedAt', 'time', false, false, NULL, NULL, NULL, NULL, NULL, NULL, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$'),
            ('plan', 'student', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('plan', 'pathwayId', 'text', false, false, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('plan', 'postsecondaryGoal', 'oneOf', true, false, NULL, NULL, ARRAY['4-year', '2-year', 'certificate', 'apprenticeship', 'military', 'workforce', 'undecided'], NULL, NULL, NULL, NULL),
            ('plan', 'careerInterests', 'text', true, false, 10000, true, NULL, NULL, NULL, NULL, NULL),
            ('plan', 'requirementSetId', 'text', false, false, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('pathway_change', 'student', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('pathway_change', 'changedAt', 'time', true, false, NULL, NULL, NULL, NULL, NULL, NULL, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$'),
            ('pathway_change', 'fromId', 'text', false, false, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('pathway_change', 'toId', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('pathway_change', 'reason', 'text', true, false, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('pathway_change', 'author', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('plan_course', 'student', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('plan_course', 'year', 'number', true, false, NULL, NULL, NULL, 6, 12, true, NULL),
            ('plan_course', 'title', 'text', true, true, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('plan_course', 'subject', 'text', true, true, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('plan_course', 'credits', 'number', true, false, NULL, NULL, NULL, 0.25, 10, false, NULL),
            ('plan_course', 'level', 'oneOf', true, false, NULL, NULL, ARRAY['standard', 'honors', 'ap', 'ib', 'dual-credit', 'cte'], NULL, NULL, NULL, NULL),
            ('plan_course', 'term', 'text', false, false, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('plan_course', 'status', 'oneOf', true, false, NULL, NULL, ARRAY['planned', 'in-progress', 'completed'], NULL, NULL, NULL, NULL),
            ('plan_course', 'gradeEarned', 'text', false, false, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('milestone_status', 'student', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('milestone_status', 'milestoneId', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('milestone_status', 'status', 'oneOf', true, false, NULL, NULL, ARRAY['not-started', 'in-progress', 'done', 'waived'], NULL, NULL, NULL, NULL),
            ('milestone_status', 'dueDate', 'date', false, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('milestone_status', 'evidence', 'text', false, false, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('milestone_status', 'completedDate', 'date', false, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('work_based_learning', 'student', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('work_based_learning', 'kind', 'oneOf', true, false, NULL, NULL, ARRAY['speaker', 'job-shadow', 'internship', 'mentoring', 'apprenticeship'], NULL, NULL, NULL, NULL),
            ('work_based_learning', 'organization', 'text', true, true, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('work_based_learning', 'hours', 'number', true, false, NULL, NULL, NULL, 0, 5000, false, NULL),
            ('work_based_learning', 'startDate', 'date', false, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('work_based_learning', 'endDate', 'date', false, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('college_credit', 'student', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('college_credit', 'course', 'text', true, true, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('college_credit', 'institution', 'text', true, true, 200, true, NULL, NULL, NULL, NULL, NULL),
            ('college_credit', 'credits', 'number', true, false, NULL, NULL, NULL, 0.5, 60, false, NULL),
            ('certification', 'student', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('certification', 'name', 'text', true, true, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('certification', 'issuer', 'text', true, false, 200, true, NULL, NULL, NULL, NULL, NULL),
            ('certification', 'status', 'oneOf', true, false, NULL, NULL, ARRAY['in-progress', 'earned'], NULL, NULL, NULL, NULL),
            ('certification', 'date', 'date', false, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('competency_evidence', 'student', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('competency_evidence', 'competencyId', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('competency_evidence', 'artifact', 'text', true, true, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('competency_evidence', 'date', 'date', true, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('intervention', 'student', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('intervention', 'kind', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('intervention', 'owner', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('intervention', 'goal', 'text', true, true, 500, true, NULL, NULL, NULL, NULL, NULL),
            ('intervention', 'startDate', 'date', true, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('intervention', 'endDate', 'date', false, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('intervention', 'sessionsPerWeek', 'number', true, false, NULL, NULL, NULL, 1, 14, true, NULL),
            ('intervention', 'minutesPerSession', 'number', true, false, NULL, NULL, NULL, 5, 240, true, NULL),
            ('intervention', 'status', 'oneOf', true, false, NULL, NULL, ARRAY['active', 'completed', 'discontinued'], NULL, NULL, NULL, NULL),
            ('intervention', 'createdAt', 'time', true, false, NULL, NULL, NULL, NULL, NULL, NULL, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$'),
            ('intervention', 'closedAt', 'time', false, false, NULL, NULL, NULL, NULL, NULL, NULL, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$'),
            ('intervention_note', 'intervention', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('intervention_note', 'date', 'date', true, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            ('intervention_note', 'text', 'text', true, true, 100000, true, NULL, NULL, NULL, NULL, NULL),
            ('intervention_note', 'author', 'text', true, true, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('intervention_note', 'createdAt', 'time', true, false, NULL, NULL, NULL, NULL, NULL, NULL, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$'),
            ('audit_event', 'at', 'time', true, false, NULL, NULL, NULL, NULL, NULL, NULL, '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}.*Z$'),
            ('audit_event', 'counselor', 'text', false, false, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('audit_event', 'actor', 'text', true, true, 200, true, NULL, NULL, NULL, NULL, NULL),
            ('audit_event', 'action', 'oneOf', true, false, NULL, NULL, ARRAY['viewedProfile', 'viewedSession', 'viewedConfidentialNote', 'viewedPlan', 'addedSession', 'amendedSession', 'archivedSession', 'addedFollowUp', 'changedFollowUp', 'changedPlan', 'addedIntervention', 'notedIntervention', 'closedIntervention', 'importedRoster', 'importedABC', 'loadedDemo', 'exported', 'backedUp', 'restored', 'setPassphrase', 'changedPassphrase', 'tookOver', 'unlockRefused', 'wrongPassphrase', 'chosenAtFirstStart', 'madeAdmin', 'issuedPassphrase'], NULL, NULL, NULL, NULL),
            ('audit_event', 'student', 'text', false, false, 255, false, NULL, NULL, NULL, NULL, NULL),
            ('audit_event', 'subject', 'text', true, false, 10000, true, NULL, NULL, NULL, NULL, NULL),
            ('audit_event', 'detail', 'text', true, false, 10000, true, NULL, NULL, NULL, NULL, NULL);

        -- Strict YYYY-MM-DD of a day that exists (2026-02-30 does not).
        CREATE FUNCTION waypoint.is_date(p_text text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE
            SET search_path = pg_catalog, pg_temp AS $fn$
        BEGIN
            IF p_text !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN RETURN false; END IF;
            PERFORM p_text::date;
            RETURN true;
        EXCEPTION WHEN others THEN
            RETURN false;
        END $fn$;

        -- What is wrong with a record's values, as "table.field: expected ..., not "value"",
        -- or NULL. A sealed confidential record shows only its clear fields: those are checked.
        CREATE FUNCTION waypoint.value_problem(p_table text, p_payload jsonb) RETURNS text LANGUAGE plpgsql STABLE
            SET search_path = pg_catalog, pg_temp AS $fn$
        DECLARE
            r waypoint.value_rule;
            v jsonb;
            t text;
            n numeric;
            c text;
            v_name text;
            v_sealed boolean := waypoint.is_sealed_shape(p_payload)
                AND coalesce(p_payload ->> 'isConfidential', '0') IN ('1', 'true');
        BEGIN
            FOR r IN SELECT * FROM waypoint.value_rule WHERE table_name = p_table ORDER BY field LOOP
                v_name := p_table || '.' || r.field || ': ';
                v := p_payload -> r.field;
                IF v IS NULL OR jsonb_typeof(v) = 'null' THEN
                    IF r.required AND NOT v_sealed THEN RETURN v_name || 'a value is required, and there is none'; END IF;
                    CONTINUE;
                END IF;
                t := CASE WHEN jsonb_typeof(v) = 'string' THEN v #>> '{}' ELSE v::text END;
                -- The value as the message shows it: its start, control characters as "?".
                t := '"' || regexp_replace(left(t, 60), '[\x01-\x1f\x7f-\x9f]', '?', 'g')
                    || CASE WHEN char_length(t) > 60 THEN '…' ELSE '' END || '"';
                IF r.kind = 'flag' THEN
                    IF v::text NOT IN ('0', '1', 'true', 'false') THEN RETURN v_name || 'expected 0 or 1, not ' || t; END IF;
                ELSIF r.kind = 'number' THEN
                    IF jsonb_typeof(v) <> 'number' THEN n := NULL; ELSE n := (v #>> '{}')::numeric; END IF;
                    IF n IS NULL OR n < r.low OR n > r.high OR (r.whole AND n <> trunc(n)) THEN
                        RETURN v_name || 'expected ' || CASE WHEN r.whole THEN 'a whole number' ELSE 'a number' END
                            || ' from ' || r.low || ' to ' || r.high || ', not ' || t;
                    END IF;
                ELSIF jsonb_typeof(v) <> 'string' THEN
                    RETURN v_name || 'expected text, not ' || t;
                ELSIF r.kind = 'oneOf' THEN
                    IF NOT ((v #>> '{}') = ANY (r.allowed)) THEN
                        RETURN v_name || 'expected one of ' || array_to_string(r.allowed, ', ') || ', not ' || t;
                    END IF;
                ELSIF r.kind = 'date' THEN
                    IF NOT waypoint.is_date(v #>> '{}') THEN RETURN v_name || 'expected a date (YYYY-MM-DD) that exists, not ' || t; END IF;
                ELSIF r.kind = 'time' THEN
                    IF (v #>> '{}') !~ r.pattern THEN
                        RETURN v_name || 'expected a date and time as a workstation writes it, not ' || t;
                    END IF;
                ELSE
                    -- Text: not blank when the schema says so, no control characters (tabs and
                    -- line breaks only where the field allows them), not longer than its field.
                    IF r.non_blank AND btrim(v #>> '{}') = '' THEN RETURN v_name || 'expected text, not ' || t; END IF;
                    c := substring((v #>> '{}') FROM (CASE WHEN r.line_breaks THEN '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]'
                                                           ELSE '[\x01-\x1f\x7f-\x9f]' END));
                    IF c IS NOT NULL THEN
                        RETURN v_name || 'expected text without control characters (found U+' || upper(lpad(to_hex(ascii(c)), 4, '0'))
                            || ' at character ' || position(c IN (v #>> '{}')) || '), not ' || t;
                    END IF;
                    IF char_length(v #>> '{}') > r.max_length THEN
                        RETURN v_name || 'expected at most ' || r.max_length || ' characters (found ' || char_length(v #>> '{}')
                            || '), not ' || t;
                    END IF;
                END IF;
            END LOOP;
            RETURN NULL;
        END $fn$;

        CREATE FUNCTION waypoint.check_values() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
            v_problem text := waypoint.value_problem(NEW.table_name, NEW.payload);
        BEGIN
            IF v_problem IS NOT NULL THEN RAISE EXCEPTION '%', v_problem USING ERRCODE = 'check_violation'; END IF;
            RETURN NEW;
        END $fn$;

        -- Whether a session is confidential, as the hub knows it (not as the writer sees it:
        -- another author's confidential session is invisible to them, and must still count).
        CREATE FUNCTION waypoint.session_is_confidential(p_session text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp AS $fn$
            SELECT EXISTS (SELECT 1 FROM waypoint.synced_record r
                           WHERE r.table_name = 'advising_session' AND r.uid = p_session AND r.confidential)
        $fn$;

        -- A confidential session's follow-ups and notes travel sealed, its topics inside it.
        CREATE FUNCTION waypoint.keep_session_sealed() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF NEW.table_name IN ('follow_up', 'session_note', 'session_topic')
               AND waypoint.session_is_confidential(NEW.payload ->> 'session') THEN
                IF NEW.table_name = 'session_topic' THEN
                    RAISE EXCEPTION 'a confidential session''s topics travel sealed inside the session, never as records of their own'
                        USING ERRCODE = 'check_violation';
                END IF;
                IF NOT waypoint.is_sealed_shape(NEW.payload) THEN
                    RAISE EXCEPTION 'a % of a confidential session is sealed on the workstation, never stored in clear at the hub (only student, author, session, version, isConfidential and sealed may be in clear)',
                        NEW.table_name USING ERRCODE = 'check_violation';
                END IF;
                NEW.confidential := true;
            END IF;
            RETURN NEW;
        END $fn$;

        ALTER TABLE waypoint.synced_record ADD COLUMN received_at timestamptz NOT NULL DEFAULT now();
        CREATE FUNCTION waypoint.stamp_received() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            NEW.received_at := now();
            RETURN NEW;
        END $fn$;
        CREATE FUNCTION waypoint.stamp_recorded() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            NEW.recorded_at := now();
            RETURN NEW;
        END $fn$;

        -- BEFORE triggers fire in name order: derive (v2), keep_sealed, stamp_received, values_checked.
        CREATE TRIGGER keep_sealed BEFORE INSERT OR UPDATE ON waypoint.synced_record
            FOR EACH ROW EXECUTE FUNCTION waypoint.keep_session_sealed();
        CREATE TRIGGER stamp_received BEFORE INSERT OR UPDATE ON waypoint.synced_record
            FOR EACH ROW EXECUTE FUNCTION waypoint.stamp_received();
        CREATE TRIGGER values_checked BEFORE INSERT OR UPDATE ON waypoint.synced_record
            FOR EACH ROW EXECUTE FUNCTION waypoint.check_values();
        CREATE TRIGGER stamp_recorded BEFORE INSERT ON waypoint.audit_event
            FOR EACH ROW EXECUTE FUNCTION waypoint.stamp_recorded();

        -- A share that would change nothing. Why is said only to whoever may know the
        -- student (an administrator, or a counselor who sees them); RLS refuses the others.
        CREATE FUNCTION waypoint.refuse_needless_share() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp AS $fn$
        BEGIN
            IF NOT (pg_has_role(session_user, 'waypoint_admin', 'MEMBER') OR waypoint.can_see(NEW.student_sourced_id)) THEN
                RETURN NEW;
            END IF;
            IF EXISTS (SELECT 1 FROM waypoint.caseload c
                       WHERE c.counselor_sourced_id = NEW.counselor_sourced_id AND c.student_sourced_id = NEW.student_sourced_id) THEN
                RAISE EXCEPTION '% already has % on their caseload, so a share would change nothing; nothing was changed',
                    NEW.counselor_sourced_id, NEW.student_sourced_id USING ERRCODE = 'check_violation';
            END IF;
            IF EXISTS (SELECT 1 FROM waypoint.student_share s
                       WHERE s.counselor_sourced_id = NEW.counselor_sourced_id AND s.student_sourced_id = NEW.student_sourced_id
                         AND (TG_OP = 'INSERT' OR (s.counselor_sourced_id, s.student_sourced_id)
                                                  IS DISTINCT FROM (OLD.counselor_sourced_id, OLD.student_sourced_id))) THEN
                RAISE EXCEPTION '% is already shared with %, so a second share would change nothing; nothing was changed',
                    NEW.student_sourced_id, NEW.counselor_sourced_id USING ERRCODE = 'unique_violation';
            END IF;
            RETURN NEW;
        END $fn$;
        CREATE TRIGGER changes_something BEFORE INSERT OR UPDATE ON waypoint.student_share
            FOR EACH ROW EXECUTE FUNCTION waypoint.refuse_needless_share();

        -- Who pushed each logged change: a pull leaves out what its own workstation sent.
        ALTER TABLE waypoint.change_log ADD COLUMN pushed_from text, ADD COLUMN pushed_by text;
        CREATE FUNCTION waypoint.stamp_pusher() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            NEW.pushed_by := waypoint.me();
            NEW.pushed_from := CASE WHEN NEW.synced AND NEW.pushed_by IS NOT NULL
                THEN nullif(split_part(coalesce(current_setting('waypoint.pushing', true), ''), ':', 1), '') END;
            RETURN NEW;
        END $fn$;
        CREATE TRIGGER stamp_pusher BEFORE INSERT ON waypoint.change_log
            FOR EACH ROW EXECUTE FUNCTION waypoint.stamp_pusher();

        ALTER FUNCTION waypoint.try_change(text, text, text, text, text, bigint, text) RENAME TO try_change_v2;
        -- The change being applied, for stamp_pusher, for the length of this one change.
        CREATE FUNCTION waypoint.try_change(p_me text, p_change_id text, p_table text, p_uid text, p_op text,
                                            p_base_version bigint, p_payload text) RETURNS jsonb
            LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $fn$
        DECLARE
            v_outcome jsonb;
        BEGIN
            PERFORM set_config('waypoint.pushing', p_change_id, true);
            v_outcome := waypoint.try_change_v2(p_me, p_change_id, p_table, p_uid, p_op, p_base_version, p_payload);
            PERFORM set_config('waypoint.pushing', '', true);
            RETURN v_outcome;
        END $fn$;

        REVOKE ALL ON waypoint.value_rule FROM PUBLIC;
        REVOKE ALL ON FUNCTION waypoint.is_date(text), waypoint.value_problem(text, jsonb), waypoint.session_is_confidential(text),
            waypoint.try_change(text, text, text, text, text, bigint, text) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION waypoint.is_date(text), waypoint.value_problem(text, jsonb), waypoint.session_is_confidential(text),
            waypoint.try_change(text, text, text, text, text, bigint, text) TO waypoint_counselor, waypoint_admin;
        GRANT SELECT ON waypoint.value_rule TO waypoint_counselor, waypoint_lead, waypoint_admin;
        ALTER TABLE waypoint.value_rule ENABLE ROW LEVEL SECURITY;
        ALTER TABLE waypoint.value_rule FORCE ROW LEVEL SECURITY;
        CREATE POLICY everyone_reads ON waypoint.value_rule FOR SELECT TO waypoint_counselor, waypoint_lead, waypoint_admin
            USING (true);
        """#
}
