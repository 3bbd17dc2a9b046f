-- V4: the sales whose customer did not get their paper (receipt or refund slip), for the operator's reprint.
-- Written by the journal in the transaction of the step that changes it: a RECEIPT_FAILED step puts the sale
-- on the list (the printer failed, or recovery found the paper interrupted or never printed), a
-- RECEIPT_PRINTED step (the reprint) takes it off. Conventions as in V1.

CREATE TABLE receipt_to_reprint (
    sale_id TEXT NOT NULL PRIMARY KEY REFERENCES sale (id),
    reason  TEXT NOT NULL,                            -- the RECEIPT_FAILED detail: a DeviceFault, INTERRUPTED, NOT_PRINTED
    since   TEXT NOT NULL                             -- when it was put on the list
) STRICT;

CREATE INDEX receipt_to_reprint_by_since ON receipt_to_reprint (since);
