-- Entities as their JSON plus the columns needed for filtering, keyed by (type, id).
CREATE TABLE entity (
  type       TEXT    NOT NULL,
  id         TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  updated_at TEXT    NOT NULL,
  name       TEXT    NOT NULL,
  status     TEXT,
  district   TEXT,
  stage      TEXT,
  sectors    TEXT,
  json       TEXT    NOT NULL,
  seq        INTEGER NOT NULL,
  PRIMARY KEY (type, id)
);
CREATE INDEX entity_filter ON entity (type, district, stage);
CREATE INDEX entity_seq ON entity (seq);

-- Every write: who, what, when. seq orders all writes and lets the index catch up after a crash.
CREATE TABLE audit_log (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  at      TEXT    NOT NULL,
  actor   TEXT    NOT NULL,
  action  TEXT    NOT NULL,
  type    TEXT    NOT NULL,
  id      TEXT    NOT NULL,
  version INTEGER,
  detail  TEXT
);
CREATE INDEX audit_entity ON audit_log (type, id);

-- Facts about this data directory (e.g. whether the demo data was loaded).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
