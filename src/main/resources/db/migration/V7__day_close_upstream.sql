-- V7: the closed days owed to the back office. DayCloses.close writes the day_close row (V5) and this row in
-- one transaction, so a closed day is owed upstream from the moment it is closed, across restarts and days
-- offline, until upstream answers for it. Conventions: see V1. (V6 belongs to the purchase branch.)
--
-- Days closed before V7 have no row here: they were closed before the close was sent upstream.

CREATE TABLE day_close_upstream (
    day           TEXT    NOT NULL PRIMARY KEY REFERENCES day_close (day),
    status        TEXT    NOT NULL,              -- PENDING | ACCEPTED | DUPLICATE | REJECTED
    closed_at     TEXT    NOT NULL,              -- the report's closedAt (the sender waits for events up to it)
    report        TEXT    NOT NULL,              -- the Z report's figures as JSON, exactly as closed; money in yen
    attempts      INTEGER NOT NULL DEFAULT 0,    -- deliveries tried without an answer
    last_failure  TEXT,                          -- why the last of them got no answer
    settled_at    TEXT,                          -- when upstream answered
    reject_reason TEXT,                          -- upstream's reason, for the operator screen
    CHECK (status IN ('PENDING', 'ACCEPTED', 'DUPLICATE', 'REJECTED')),
    CHECK ((status = 'PENDING') = (settled_at IS NULL)),
    CHECK ((status = 'REJECTED') = (reject_reason IS NOT NULL))
) STRICT;

-- the sender: owed closes by day
CREATE INDEX day_close_upstream_by_status_day ON day_close_upstream (status, day);

-- the report that was closed is what is sent: it never changes, and the row is never deleted
CREATE TRIGGER day_close_upstream_report_fixed BEFORE UPDATE OF day, closed_at, report ON day_close_upstream
BEGIN
    SELECT RAISE(ABORT, 'a closed day''s report does not change');
END;

CREATE TRIGGER day_close_upstream_no_delete BEFORE DELETE ON day_close_upstream
BEGIN
    SELECT RAISE(ABORT, 'a closed day stays owed or answered');
END;
