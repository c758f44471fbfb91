-- A mentor's service log: each accompaniment session with a project (the basis of 创业陪跑先锋).
CREATE TABLE mentor_session (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  mentor_id  TEXT NOT NULL,
  project_id TEXT NOT NULL,
  date       TEXT NOT NULL,
  hours      REAL NOT NULL,
  topic      TEXT NOT NULL,
  outcome    TEXT,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL
);
CREATE INDEX mentor_session_mentor ON mentor_session (mentor_id, date);
