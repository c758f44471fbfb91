-- Sign-ups for events (活动报名): one row per event and project; seq orders the sign-ups (and so
-- the waitlist); attended is null until recorded.
CREATE TABLE registration (
  event_id   TEXT    NOT NULL,
  project_id TEXT    NOT NULL,
  status     TEXT    NOT NULL,
  seq        INTEGER NOT NULL,
  attended   INTEGER,
  created_at TEXT    NOT NULL,
  created_by TEXT    NOT NULL,
  updated_at TEXT    NOT NULL,
  PRIMARY KEY (event_id, project_id)
);
CREATE INDEX registration_project ON registration (project_id);
-- Never over capacity, whatever writes: a registered row past the event's capacity is refused.
-- (Each trigger stays on one line from BEGIN: the migrator splits statements at a ';' ending a line.)
CREATE TRIGGER registration_capacity BEFORE INSERT ON registration
WHEN NEW.status = 'registered'
  AND (SELECT json_extract(json, '$.capacity') FROM entity WHERE type = 'events' AND id = NEW.event_id) IS NOT NULL
  AND (SELECT COUNT(*) FROM registration WHERE event_id = NEW.event_id AND status = 'registered')
      >= (SELECT json_extract(json, '$.capacity') FROM entity WHERE type = 'events' AND id = NEW.event_id)
BEGIN SELECT RAISE(ABORT, 'the event is full'); END;
CREATE TRIGGER registration_capacity_update BEFORE UPDATE OF status ON registration
WHEN NEW.status = 'registered' AND OLD.status <> 'registered'
  AND (SELECT json_extract(json, '$.capacity') FROM entity WHERE type = 'events' AND id = NEW.event_id) IS NOT NULL
  AND (SELECT COUNT(*) FROM registration WHERE event_id = NEW.event_id AND status = 'registered')
      >= (SELECT json_extract(json, '$.capacity') FROM entity WHERE type = 'events' AND id = NEW.event_id)
BEGIN SELECT RAISE(ABORT, 'the event is full'); END;
