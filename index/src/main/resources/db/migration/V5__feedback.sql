-- What users did with recommendations, under which scoring profile and rank.
CREATE TABLE feedback (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           TEXT NOT NULL,
  actor        TEXT NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id   TEXT NOT NULL,
  target_type  TEXT NOT NULL,
  target_id    TEXT NOT NULL,
  action       TEXT NOT NULL,
  profile      TEXT,
  rank         INTEGER
);
CREATE INDEX feedback_subject ON feedback (subject_type, subject_id, target_type, action);
CREATE INDEX feedback_profile ON feedback (profile, action);
