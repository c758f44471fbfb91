-- Need tickets (创业需求响应率100%): a need raised for a project, who answers it and when.
CREATE TABLE ticket (
  id                TEXT PRIMARY KEY,
  project_id        TEXT NOT NULL,
  need              TEXT NOT NULL,
  text              TEXT NOT NULL,
  channel           TEXT NOT NULL,
  status            TEXT NOT NULL,
  responder_type    TEXT,
  responder_id      TEXT,
  created_at        TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  due_at            TEXT NOT NULL,
  first_response_at TEXT,
  resolved_at       TEXT,
  closed_at         TEXT,
  outcome           TEXT,
  rating            INTEGER,
  version           INTEGER NOT NULL
);
CREATE INDEX ticket_status ON ticket (status, due_at);
CREATE INDEX ticket_project ON ticket (project_id);
CREATE INDEX ticket_responder ON ticket (responder_id);
-- Every transition of a ticket: who, when, from and to which status, with its text.
CREATE TABLE ticket_event (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id  TEXT NOT NULL,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  from_status TEXT,
  to_status  TEXT NOT NULL,
  note       TEXT
);
CREATE INDEX ticket_event_ticket ON ticket_event (ticket_id, seq);
