-- V2: the outbox of sale events for the back office, and the last good plan catalog it sent.
-- Conventions: see V1.
--
-- Every step written to sale_step also writes one outbox_event row in the same transaction, so the back
-- office learns of every step (and so of every change of state) exactly as the journal holds it. The
-- event carries what of the sale can change (state, card approval, expiry, failure); the rest is read
-- from the sale row, which never changes it.

CREATE TABLE outbox_event (
    sequence           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,  -- the kiosk's sequence number; never reused
    status             TEXT    NOT NULL,              -- PENDING | ACCEPTED | DUPLICATE | REJECTED
    event_id           TEXT    NOT NULL UNIQUE,       -- UUID: upstream's idempotency key
    step               TEXT    NOT NULL,              -- SaleStep
    sale_id            TEXT    NOT NULL REFERENCES sale (id),
    state              TEXT    NOT NULL,              -- SaleState after the step
    at                 TEXT    NOT NULL,              -- when the step was written
    detail             TEXT    NOT NULL,              -- the step's detail
    card_masked_number TEXT,
    card_brand         TEXT,
    card_approval_code TEXT,
    failure            TEXT,                          -- FailureReason
    new_expiry         TEXT,
    attempts           INTEGER NOT NULL DEFAULT 0,    -- deliveries tried without an answer for this event
    settled_at         TEXT,                          -- when upstream answered for it
    reject_reason      TEXT,                          -- upstream's reason, for the operator screen
    CHECK ((status = 'PENDING') = (settled_at IS NULL)),
    CHECK ((status = 'REJECTED') = (reject_reason IS NOT NULL)),
    CHECK ((card_brand IS NULL) = (card_masked_number IS NULL)
       AND (card_brand IS NULL) = (card_approval_code IS NULL)),
    CHECK (card_masked_number NOT GLOB '*[0-9]*[0-9]*[0-9]*[0-9]*[0-9]*')
) STRICT;

-- the sender: pending events in sequence order; pruning: settled events by age
CREATE INDEX outbox_by_status_sequence ON outbox_event (status, sequence);
CREATE INDEX outbox_by_status_settled ON outbox_event (status, settled_at);

-- the last plan catalog from upstream that passed its signature check and validation (one row)
CREATE TABLE catalog_cache (
    slot       TEXT NOT NULL PRIMARY KEY CHECK (slot = 'current'),
    etag       TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    document   TEXT NOT NULL                          -- the catalog as upstream sent it (JSON)
) STRICT;
