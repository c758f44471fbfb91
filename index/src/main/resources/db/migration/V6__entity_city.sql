-- The city of every located entity, so that statistics (alerts) filter by city as search does.
-- Rows written before: a 6-digit district is a county adcode (its city is the first four digits
-- and 00); any other district is a Qingdao short code (青岛市, 370200).
ALTER TABLE entity ADD COLUMN city TEXT;
UPDATE entity SET city = CASE
  WHEN district GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]' THEN substr(district, 1, 4) || '00'
  WHEN type <> 'policies' AND district IS NOT NULL AND district <> '' THEN '370200'
END;
CREATE INDEX entity_city ON entity (type, city);
