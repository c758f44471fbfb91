-- PostgreSQL twin of ../V12: never over capacity, whatever writes (race-free under the
-- cluster-wide write lock, Database.lockForWrite).
CREATE TABLE registration (
  event_id   TEXT   NOT NULL,
  project_id TEXT   NOT NULL,
  status     TEXT   NOT NULL,
  seq        BIGINT NOT NULL,
  attended   BIGINT,
  created_at TEXT   NOT NULL,
  created_by TEXT   NOT NULL,
  updated_at TEXT   NOT NULL,
  PRIMARY KEY (event_id, project_id)
);
CREATE INDEX registration_project ON registration (project_id);
CREATE FUNCTION registration_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cap numeric;
BEGIN
  IF NEW.status = 'registered' AND (TG_OP = 'INSERT' OR OLD.status <> 'registered') THEN
    SELECT CAST(CAST(json AS jsonb) ->> 'capacity' AS numeric) INTO cap
      FROM entity WHERE type = 'events' AND id = NEW.event_id;
    IF cap IS NOT NULL AND (SELECT COUNT(*) FROM registration
        WHERE event_id = NEW.event_id AND status = 'registered') >= cap THEN
      RAISE EXCEPTION 'the event is full';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER registration_capacity BEFORE INSERT OR UPDATE OF status ON registration
  FOR EACH ROW EXECUTE FUNCTION registration_capacity();
