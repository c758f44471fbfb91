-- PostgreSQL twin of ../V6 (the same rule for rows written before: a 6-digit district is a county
-- adcode, any other located entity but a policy is in Qingdao).
ALTER TABLE entity ADD COLUMN city TEXT;
UPDATE entity SET city = CASE
  WHEN district ~ '^[0-9]{6}$' THEN substr(district, 1, 4) || '00'
  WHEN type <> 'policies' AND district IS NOT NULL AND district <> '' THEN '370200'
END;
CREATE INDEX entity_city ON entity (type, city);
