-- Who read personal data (a project's contact, unmasked), when, and through which route.
CREATE TABLE read_audit (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  role      TEXT NOT NULL,
  type      TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  via       TEXT NOT NULL
);
CREATE INDEX read_audit_entity ON read_audit (type, entity_id);
