-- A park's space inventory (场地): desks, offices, plant, meeting rooms and roadshow halls.
-- tenant_project_id: the project an accepted move-in application placed in the space.
CREATE TABLE space (
  park_id           TEXT    NOT NULL,
  id                TEXT    NOT NULL,
  kind              TEXT    NOT NULL,
  name              TEXT    NOT NULL,
  area              REAL    NOT NULL,
  monthly_rent      INTEGER,
  bookable          INTEGER NOT NULL,
  status            TEXT    NOT NULL,
  tenant_project_id TEXT,
  PRIMARY KEY (park_id, id)
);
-- Time-slot bookings of bookable rooms (场地预约). Times are epoch milliseconds, so that overlap is
-- plain integer comparison. A cancelled booking stays, with its status.
CREATE TABLE booking (
  id           TEXT    PRIMARY KEY,
  park_id      TEXT    NOT NULL,
  space_id     TEXT    NOT NULL,
  project_id   TEXT,
  start_ms     INTEGER NOT NULL,
  end_ms       INTEGER NOT NULL,
  purpose      TEXT    NOT NULL,
  status       TEXT    NOT NULL,
  created_at   TEXT    NOT NULL,
  created_by   TEXT    NOT NULL,
  cancelled_at TEXT,
  cancelled_by TEXT,
  CHECK (end_ms > start_ms)
);
CREATE INDEX booking_room ON booking (park_id, space_id, start_ms);
CREATE INDEX booking_project ON booking (project_id);
-- Two live bookings of one room never overlap: enforced by the store itself, whatever writes it.
-- (Each trigger stays on one line from BEGIN: the migrator splits statements at a ';' ending a line.)
CREATE TRIGGER booking_no_overlap BEFORE INSERT ON booking
WHEN NEW.status = 'booked' AND EXISTS (
  SELECT 1 FROM booking b
  WHERE b.park_id = NEW.park_id AND b.space_id = NEW.space_id AND b.status = 'booked'
    AND b.start_ms < NEW.end_ms AND NEW.start_ms < b.end_ms)
BEGIN SELECT RAISE(ABORT, 'booking overlaps another booking of the same room'); END;
CREATE TRIGGER booking_no_overlap_update BEFORE UPDATE ON booking
WHEN NEW.status = 'booked' AND EXISTS (
  SELECT 1 FROM booking b
  WHERE b.id <> NEW.id AND b.park_id = NEW.park_id AND b.space_id = NEW.space_id
    AND b.status = 'booked' AND b.start_ms < NEW.end_ms AND NEW.start_ms < b.end_ms)
BEGIN SELECT RAISE(ABORT, 'booking overlaps another booking of the same room'); END;
-- Move-in applications (入驻申请): a project applies to a park, which accepts or declines.
CREATE TABLE move_in (
  id            TEXT PRIMARY KEY,
  park_id       TEXT NOT NULL,
  project_id    TEXT NOT NULL,
  kinds         TEXT NOT NULL,
  area          REAL,
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
