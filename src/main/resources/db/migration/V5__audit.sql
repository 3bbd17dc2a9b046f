-- V5: operator maintenance. The audit log (append-only: triggers refuse UPDATE and DELETE), the
-- consumables movements the operator records, and the closed business days (a day closes once).
-- Conventions: see V1. (V3 and V4 belong to other branches; Flyway applies V5 after them, or after V2.)

CREATE TABLE audit_log (
    seq    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at     TEXT    NOT NULL,
    who    TEXT    NOT NULL,                          -- operator name; '?' for a PIN that matched nobody
    action TEXT    NOT NULL,                          -- 'pin.ok', 'stock.refill', 'sale.resolve', ...
    before TEXT    NOT NULL,
    after  TEXT    NOT NULL                           -- never a PIN, never card data
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TABLE stock_movement (
    seq    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kind   TEXT    NOT NULL,                          -- StockLedger.Kind
    at     TEXT    NOT NULL,
    count  INTEGER NOT NULL CHECK (count >= 0),
    who    TEXT    NOT NULL,
    detail TEXT    NOT NULL                           -- ICCID range or list of a refill
) STRICT;

CREATE INDEX stock_movement_by_at ON stock_movement (at);

CREATE TABLE day_close (
    day     TEXT NOT NULL PRIMARY KEY,                -- the business day, 'YYYY-MM-DD' in the kiosk's zone
    at      TEXT NOT NULL,
    who     TEXT NOT NULL,
    summary TEXT NOT NULL
) STRICT;

CREATE TRIGGER day_close_no_update BEFORE UPDATE ON day_close
BEGIN
    SELECT RAISE(ABORT, 'a closed day stays closed');
END;

CREATE TRIGGER day_close_no_delete BEFORE DELETE ON day_close
BEGIN
    SELECT RAISE(ABORT, 'a closed day stays closed');
END;
