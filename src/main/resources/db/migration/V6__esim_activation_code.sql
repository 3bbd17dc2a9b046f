-- V3: the activation code of a new eSIM, kept with its sale only until the buyer has it on paper.
--
-- The code is a secret (whoever holds it can install the line): it is never written into a step's detail,
-- which the journal keeps for good and reports to the back office. It lives in this table from the step
-- ESIM_CODE_ISSUED (same transaction) until ESIM_CODE_MASKED, when matching_id is set to NULL and only the
-- masked form stays. Written in the transaction that writes its sale and step, like every row of a sale.

CREATE TABLE esim_activation (
    sale_id            TEXT NOT NULL PRIMARY KEY REFERENCES sale (id),
    smdp_address       TEXT NOT NULL,
    matching_id        TEXT,                      -- the secret; NULL once masked
    masked_matching_id TEXT NOT NULL,             -- '****' and the last four characters
    masked_at          TEXT,                      -- when the code was masked
    CHECK ((matching_id IS NULL) = (masked_at IS NOT NULL))
) STRICT;
