-- PostgreSQL twin of ../V11.
CREATE TABLE park_report (
  park_id     TEXT   NOT NULL,
  year        BIGINT NOT NULL,
  json        TEXT   NOT NULL,
  reported_at TEXT   NOT NULL,
  reported_by TEXT   NOT NULL,
  PRIMARY KEY (park_id, year)
);
CREATE INDEX park_report_year ON park_report (year);
