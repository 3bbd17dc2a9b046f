-- The closed days kiosks report: one report per kiosk and business day (the idempotency key). The first
-- report of a day is stored; the same report again is answered "duplicate", a different one "rejected".
-- Conventions as in db/migration/V1.

CREATE TABLE day_close (
    arrival        INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,  -- order of arrival
    kiosk_id       TEXT    NOT NULL,
    day            TEXT    NOT NULL,                            -- the kiosk's business day, 'YYYY-MM-DD'
    closed_at      TEXT    NOT NULL,
    closed_by      TEXT    NOT NULL,
    sold_count     INTEGER NOT NULL,
    sold_total_yen INTEGER NOT NULL,
    received_at    TEXT    NOT NULL,
    body           TEXT    NOT NULL,                            -- the report as received (JSON)
    UNIQUE (kiosk_id, day)
) STRICT;
