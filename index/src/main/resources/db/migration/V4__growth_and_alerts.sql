-- Each project's growth file: one record per project and date (a later write for the same date
-- replaces it).
CREATE TABLE growth_record (
  project_id  TEXT NOT NULL,
  date        TEXT NOT NULL,
  json        TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (project_id, date)
);

-- The current risk alert of each project (no row: no risk), recomputed when its file changes.
CREATE TABLE alert (
  project_id  TEXT PRIMARY KEY,
  severity    INTEGER NOT NULL,
  json        TEXT NOT NULL,
  computed_at TEXT NOT NULL
);
CREATE INDEX alert_severity ON alert (severity);
