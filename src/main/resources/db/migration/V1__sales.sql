-- V1: the sale journal. One row per sale (its state now), one row per step it went through, and the
-- counters that hand out sale reference numbers.
--
-- Conventions for this and later migrations (V2 outbox, V3 operator audit log, stock movements, ...):
--   * STRICT tables: a column holds only its declared type (money can never turn into REAL or TEXT).
--   * Money is INTEGER yen.
--   * Instants are TEXT, ISO-8601 in UTC with exactly nine fraction digits
--     ('2025-04-01T09:30:00.123456789Z'): an exact round trip of java.time.Instant, sortable as text,
--     readable in the sqlite3 shell and understood by SQLite's date and time functions.
--   * Enums are stored by their Java name, languages by their tag ('ja', 'zh-Hans'): the Java code is the
--     one list of allowed values, so adding an enum constant needs no table rebuild.
--   * Rows that belong to a sale point at sale(id); whatever must change together with a sale is written
--     in the transaction that writes the sale and its step.
--   * Card data: brand, masked number and approval code only, in the three card_* columns of sale.
--   * Column order: SQLite stores a row's values back to back, so the digits that end one value and
--     begin the next form one run of digits in the file. Values that are mostly digits (line ids, ids,
--     masked numbers, approval codes, instants) are kept apart by a value made of letters (kind, state,
--     step, brand), so that a scan of the file for card numbers does not trip on two neighbours.

CREATE TABLE sale (
    id                 TEXT    NOT NULL PRIMARY KEY,  -- SaleId, a UUID
    reference          TEXT    NOT NULL UNIQUE,       -- 'TYO01-000042'
    kind               TEXT    NOT NULL,              -- SaleKind
    line_id            TEXT,                          -- LineId, normalized digits; NULL for a new SIM
    plan_id            TEXT    NOT NULL,
    plan_name          TEXT    NOT NULL,              -- in the customer's language, as sold
    price_yen          INTEGER NOT NULL CHECK (price_yen > 0),
    tax_rate           TEXT    NOT NULL,              -- TaxRate
    language           TEXT    NOT NULL,              -- Language tag
    created_at         TEXT    NOT NULL,
    state              TEXT    NOT NULL,              -- SaleState
    card_masked_number TEXT,                          -- brand between number and code: see the note below
    card_brand         TEXT,
    card_approval_code TEXT,
    current_expiry     TEXT,                          -- the line's expiry before the sale, if known
    new_expiry         TEXT,                          -- quoted, then confirmed by upstream
    failure            TEXT,                          -- FailureReason
    -- the card columns are all set (a payment was approved) or all empty
    CHECK ((card_brand IS NULL) = (card_masked_number IS NULL)
       AND (card_brand IS NULL) = (card_approval_code IS NULL)),
    -- a masked number shows at most four digits
    CHECK (card_masked_number NOT GLOB '*[0-9]*[0-9]*[0-9]*[0-9]*[0-9]*')
) STRICT;

-- recovery: the sales in given states, oldest first; the maintenance screen: the newest sales
CREATE INDEX sale_by_state_created ON sale (state, created_at);
CREATE INDEX sale_by_created ON sale (created_at);

CREATE TABLE sale_step (
    sale_id TEXT    NOT NULL REFERENCES sale (id),
    seq     INTEGER NOT NULL CHECK (seq >= 1),        -- 1, 2, 3... within the sale
    step    TEXT    NOT NULL,                         -- SaleStep
    at      TEXT    NOT NULL,
    detail  TEXT    NOT NULL,                         -- short machine-readable detail, never card data
    PRIMARY KEY (sale_id, seq)
) STRICT;

-- one counter per kiosk id; a number once handed out is never handed out again
CREATE TABLE reference_counter (
    kiosk_id   TEXT    NOT NULL PRIMARY KEY,
    last_value INTEGER NOT NULL CHECK (last_value >= 1)
) STRICT;
