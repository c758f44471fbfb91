-- PostgreSQL twin of ../V4.
CREATE TABLE growth_record (
  project_id  TEXT NOT NULL,
  date        TEXT NOT NULL,
  json        TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (project_id, date)
);

CREATE TABLE alert (
  project_id  TEXT PRIMARY KEY,
  severity    BIGINT NOT NULL,
  json        TEXT NOT NULL,
  computed_at TEXT NOT NULL
);
CREATE INDEX alert_severity ON alert (severity);
