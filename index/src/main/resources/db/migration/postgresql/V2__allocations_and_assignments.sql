-- PostgreSQL twin of ../V2.
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

CREATE TABLE assignment (
  id               TEXT PRIMARY KEY,
  project_id       TEXT NOT NULL,
  counterpart_type TEXT NOT NULL,
  counterpart_id   TEXT NOT NULL,
  allocation_id    TEXT,
  score            DOUBLE PRECISION,
  started_at       TEXT NOT NULL,
  started_by       TEXT NOT NULL,
  ended_at         TEXT,
  ended_by         TEXT
);
CREATE INDEX assignment_project ON assignment (project_id);
CREATE INDEX assignment_counterpart ON assignment (counterpart_type, counterpart_id);
