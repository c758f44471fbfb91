-- 政策找人 follow-up: each step of reaching a project about a policy (append-only; the latest
-- step of a pair is its status).
CREATE TABLE policy_outreach (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  policy_id  TEXT NOT NULL,
  project_id TEXT NOT NULL,
  status     TEXT NOT NULL,
  amount     INTEGER,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL
);
CREATE INDEX policy_outreach_pair ON policy_outreach (policy_id, project_id, id);
CREATE INDEX policy_outreach_at ON policy_outreach (at);
