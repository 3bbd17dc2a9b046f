-- The reference back office's own database: what kiosks sent it, the renewals it applied, the lines'
-- current plans, and the request ids it has seen (replay protection). Conventions as in db/migration/V1.

CREATE TABLE event (
    arrival     INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,  -- order of arrival
    kiosk_id    TEXT    NOT NULL,
    event_id    TEXT    NOT NULL UNIQUE,                     -- the kiosk's idempotency key
    sequence    INTEGER NOT NULL,
    step        TEXT    NOT NULL,
    sale_id     TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,                            -- ACCEPTED | REJECTED
    reason      TEXT,
    applied_expiry TEXT,
    received_at TEXT    NOT NULL,
    body        TEXT    NOT NULL                             -- the event as received (JSON)
) STRICT;

CREATE TABLE renewal (
    sale_id    TEXT NOT NULL PRIMARY KEY,                    -- idempotency key of a renewal
    kiosk_id   TEXT NOT NULL,
    line_id    TEXT NOT NULL,
    plan_id    TEXT NOT NULL,
    outcome    TEXT NOT NULL,                                -- APPLIED | REJECTED
    new_expiry TEXT,
    reason     TEXT,
    at         TEXT NOT NULL
) STRICT;

CREATE TABLE line_state (
    line_id TEXT NOT NULL PRIMARY KEY,
    plan_id TEXT NOT NULL,
    expiry  TEXT NOT NULL
) STRICT;

CREATE TABLE seen_request (
    request_id TEXT NOT NULL PRIMARY KEY,
    kiosk_id   TEXT NOT NULL,
    at         TEXT NOT NULL
) STRICT;

CREATE TABLE heartbeat (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kiosk_id    TEXT    NOT NULL,
    received_at TEXT    NOT NULL,
    body        TEXT    NOT NULL
) STRICT;
