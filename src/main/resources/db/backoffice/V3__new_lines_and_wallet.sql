-- New lines the back office activated (a kiosk's new SIM) or issued (a new eSIM profile), by sale id, and the
-- QR wallet payments it stands in for the wallet provider with. Conventions as in V1.

CREATE TABLE new_line (
    sale_id      TEXT NOT NULL PRIMARY KEY,                  -- idempotency key of an activation or issue
    kiosk_id     TEXT NOT NULL,
    form         TEXT NOT NULL,                              -- SIM | ESIM
    plan_id      TEXT NOT NULL,
    outcome      TEXT NOT NULL,                              -- ACTIVE | REJECTED | CANCELLED
    iccid        TEXT,                                       -- the line's id (a SIM's card, an eSIM's profile)
    expiry       TEXT,
    reason       TEXT,
    smdp_address TEXT,                                       -- an eSIM's activation code: answered again on a
    matching_id  TEXT,                                       -- repeat; never logged
    at           TEXT NOT NULL,
    cancelled_at TEXT
) STRICT;

CREATE INDEX new_line_by_iccid ON new_line (iccid);

CREATE TABLE wallet_payment (
    payment_id  TEXT    NOT NULL PRIMARY KEY,                -- the provider's reference, in the QR payload
    kiosk_id    TEXT    NOT NULL,
    sale_id     TEXT    NOT NULL,
    amount_yen  INTEGER NOT NULL,
    state       TEXT    NOT NULL,                            -- PENDING | PAID | DECLINED | EXPIRED | CANCELLED
    created_at  TEXT    NOT NULL,
    approve_at  TEXT,                                        -- when the demo wallet pays by itself, if ever
    expires_at  TEXT    NOT NULL,
    wallet      TEXT,                                        -- the paying wallet's name
    reason      TEXT,                                        -- why it was declined
    refunded_yen INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX wallet_payment_by_sale ON wallet_payment (kiosk_id, sale_id, created_at);
