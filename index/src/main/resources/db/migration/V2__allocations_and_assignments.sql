-- Allocations: drafts and published ones, with the answer as shown and the free slots it assumed.
CREATE TABLE allocation (
  id           TEXT PRIMARY KEY,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  counterpart  TEXT NOT NULL,
  mode         TEXT NOT NULL,
  status       TEXT NOT NULL,
  basis        TEXT NOT NULL,
  json         TEXT NOT NULL,
  published_at TEXT,
  published_by TEXT
);

-- Who accompanies or hosts which project; active while ended_at is null. Active assignments
-- take the counterpart's slots.
CREATE TABLE assignment (
  id               TEXT PRIMARY KEY,
  project_id       TEXT NOT NULL,
  counterpart_type TEXT NOT NULL,
  counterpart_id   TEXT NOT NULL,
  allocation_id    TEXT,
  score            REAL,
  started_at       TEXT NOT NULL,
  started_by       TEXT NOT NULL,
  ended_at         TEXT,
  ended_by         TEXT
);
CREATE INDEX assignment_project ON assignment (project_id);
CREATE INDEX assignment_counterpart ON assignment (counterpart_type, counterpart_id);
