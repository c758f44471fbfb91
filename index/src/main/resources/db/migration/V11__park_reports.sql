-- A park's yearly report (园区年报): the figures the 高能级园区 plan (003) sets targets for, as JSON.
CREATE TABLE park_report (
  park_id     TEXT    NOT NULL,
  year        INTEGER NOT NULL,
  json        TEXT    NOT NULL,
  reported_at TEXT    NOT NULL,
  reported_by TEXT    NOT NULL,
  PRIMARY KEY (park_id, year)
);
CREATE INDEX park_report_year ON park_report (year);
