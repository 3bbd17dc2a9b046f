-- V9: the rest of an SGP.22 activation code: the SM-DP+ server's OID (not a secret, kept) and the confirmation
-- code a profile may need (a secret like the matching ID: given to the buyer on screen and on the receipt, never
-- in a step's detail, set to NULL with the matching ID when the code is masked).
ALTER TABLE esim_activation ADD COLUMN smdp_oid TEXT;
ALTER TABLE esim_activation ADD COLUMN confirmation_code TEXT
    CHECK (confirmation_code IS NULL OR matching_id IS NOT NULL);
