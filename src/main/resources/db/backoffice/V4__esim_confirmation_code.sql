-- V4: an issued eSIM profile may need a confirmation code (SGP.22); kept with its activation code to answer a
-- repeat the same, never logged.
ALTER TABLE new_line ADD COLUMN confirmation_code TEXT;
