-- One number per tutor that changes whenever anything slot search reads for that tutor changes: the
-- profile's settings, schedules with their blocks and overrides, holidays, slots (and their seats) and
-- Calendly busy time. Slot search keeps what it loaded per tutor in memory and reads only this row to
-- know whether that is still current, on every replica, whoever made the change. Triggers keep it, so no
-- write path can forget it.
--
-- Values come from one sequence, so a version never repeats even if this table is emptied. The upsert
-- takes the tutor's row lock until commit: two transactions changing one tutor set their versions in
-- commit order, and a reader never sees a version whose changes it cannot yet read.
CREATE SEQUENCE availability_version_seq;
CREATE TABLE availability_version (
    tutor_id BIGINT PRIMARY KEY,
    version  BIGINT NOT NULL
);

CREATE FUNCTION bump_availability_version(tutor BIGINT) RETURNS VOID LANGUAGE sql AS $$
    INSERT INTO availability_version (tutor_id, version) VALUES (tutor, nextval('availability_version_seq'))
    ON CONFLICT (tutor_id) DO UPDATE SET version = EXCLUDED.version;
$$;

-- Tables that carry tutor_id themselves.
CREATE FUNCTION availability_changed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM bump_availability_version(OLD.tutor_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.tutor_id <> OLD.tutor_id) THEN
        PERFORM bump_availability_version(NEW.tutor_id);
    END IF;
    RETURN NULL;
END;
$$;

-- Tables under a schedule: the tutor is the schedule's (gone already when the schedule's own delete
-- cascades here, and that delete bumped it).
CREATE FUNCTION schedule_part_changed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    tutor BIGINT;
BEGIN
    SELECT tutor_id INTO tutor FROM availability_schedule
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.schedule_id ELSE NEW.schedule_id END;
    IF tutor IS NOT NULL THEN
        PERFORM bump_availability_version(tutor);
    END IF;
    RETURN NULL;
END;
$$;

-- A TRUNCATE names no tutor: every cached tutor is out of date.
CREATE FUNCTION availability_truncated() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    UPDATE availability_version SET version = nextval('availability_version_seq');
    RETURN NULL;
END;
$$;

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['tutor_profile', 'availability_schedule', 'holiday', 'teaching_slot', 'calendly_busy',
                             'calendly_connection'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                        FOR EACH ROW EXECUTE FUNCTION availability_changed()', t || '_version', t);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION availability_truncated()', t || '_truncated', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['schedule_block', 'date_override', 'override_block'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                        FOR EACH ROW EXECUTE FUNCTION schedule_part_changed()', t || '_version', t);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION availability_truncated()', t || '_truncated', t);
    END LOOP;
END;
$$;
