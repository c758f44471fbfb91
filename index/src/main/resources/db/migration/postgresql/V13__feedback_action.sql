-- The collaborative component reads the decisive feedback (accept … reject) every few seconds,
-- not the impressions and clicks that make most of the table.
CREATE INDEX feedback_action ON feedback (action, target_type);
