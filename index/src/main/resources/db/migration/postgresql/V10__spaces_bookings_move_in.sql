-- PostgreSQL twin of ../V10. The no-overlap rule is a PL/pgSQL trigger; it is race-free because
-- every write transaction holds the cluster-wide write lock (Database.lockForWrite).
CREATE TABLE space (
  park_id           TEXT    NOT NULL,
  id                TEXT    NOT NULL,
  kind              TEXT    NOT NULL,
  name              TEXT    NOT NULL,
  area              DOUBLE PRECISION NOT NULL,
  monthly_rent      BIGINT,
  bookable          BOOLEAN NOT NULL,
  status            TEXT    NOT NULL,
  tenant_project_id TEXT,
  PRIMARY KEY (park_id, id)
);
CREATE TABLE booking (
  id           TEXT   PRIMARY KEY,
  park_id      TEXT   NOT NULL,
  space_id     TEXT   NOT NULL,
  project_id   TEXT,
  start_ms     BIGINT NOT NULL,
  end_ms       BIGINT NOT NULL,
  purpose      TEXT   NOT NULL,
  status       TEXT   NOT NULL,
  created_at   TEXT   NOT NULL,
  created_by   TEXT   NOT NULL,
  cancelled_at TEXT,
  cancelled_by TEXT,
  CHECK (end_ms > start_ms)
);
CREATE INDEX booking_room ON booking (park_id, space_id, start_ms);
CREATE INDEX booking_project ON booking (project_id);
CREATE FUNCTION booking_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'booked' AND EXISTS (
    SELECT 1 FROM booking b
    WHERE b.id <> NEW.id AND b.park_id = NEW.park_id AND b.space_id = NEW.space_id
      AND b.status = 'booked' AND b.start_ms < NEW.end_ms AND NEW.start_ms < b.end_ms) THEN
    RAISE EXCEPTION 'booking overlaps another booking of the same room';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER booking_no_overlap BEFORE INSERT OR UPDATE ON booking
  FOR EACH ROW EXECUTE FUNCTION booking_no_overlap();
CREATE TABLE move_in (
  id            TEXT PRIMARY KEY,
  park_id       TEXT NOT NULL,
  project_id    TEXT NOT NULL,
  kinds         TEXT NOT NULL,
  area          DOUBLE PRECISION,
  note          TEXT,
  status        TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  decided_at    TEXT,
  decided_by    TEXT,
  reason        TEXT,
  space_ids     TEXT,
  assignment_id TEXT
);
CREATE INDEX move_in_park ON move_in (park_id, status);
CREATE INDEX move_in_project ON move_in (project_id);
