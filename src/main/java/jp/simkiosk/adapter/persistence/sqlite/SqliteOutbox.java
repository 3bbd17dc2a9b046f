package jp.simkiosk.adapter.persistence.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.port.Outbox;
import jp.simkiosk.application.port.SaleEvent;
import jp.simkiosk.application.port.SaleStep;

/**
 * The {@link Outbox} kept in the sale journal's SQLite file ({@code outbox_event}, filled by
 * {@link SqliteSaleJournal#record} in the same transaction as each step). It shares the journal's connection
 * and lock; every write is one durable transaction.
 */
public final class SqliteOutbox implements Outbox {

    /** An event with the sale as it was right after the step: the sale's fixed columns, the event's changing ones. */
    private static final String SELECT_EVENT = "SELECT o.sequence, o.event_id, o.at AS event_at, o.step, o.detail,"
            + " o.settled_at, o.reject_reason, s.id, s.reference, s.kind, s.line_id, s.plan_id, s.plan_name,"
            + " s.price_yen, s.tax_rate, s.language, s.created_at, o.state, o.card_brand, o.card_masked_number,"
            + " o.card_approval_code, s.current_expiry, o.new_expiry, o.failure"
            + " FROM outbox_event o JOIN sale s ON s.id = o.sale_id ";

    private final SqliteSaleJournal journal;

    SqliteOutbox(SqliteSaleJournal journal) {
        this.journal = journal;
    }

    @Override
    public List<SaleEvent> pending(int max) {
        if (max < 1) throw new IllegalArgumentException("max must be positive: " + max);
        return journal.read("pending events", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    SELECT_EVENT + "WHERE o.status = 'PENDING' ORDER BY o.sequence LIMIT ?")) {
                ps.setInt(1, max);
                List<SaleEvent> events = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) events.add(event(rs));
                }
                return List.copyOf(events);
            }
        });
    }

    @Override
    public void settle(List<Settlement> settlements, Instant at) {
        Objects.requireNonNull(at, "at");
        if (settlements.isEmpty()) return;
        journal.inTransaction(() -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "UPDATE outbox_event SET status = ?, settled_at = ?, reject_reason = ?"
                            + " WHERE event_id = ? AND status = 'PENDING'")) {
                for (Settlement s : settlements) {
                    ps.setString(1, s.outcome().name());
                    ps.setString(2, SqliteSaleJournal.text(at));
                    ps.setString(3, s.outcome() == Outcome.REJECTED ? s.reason() : null);
                    ps.setString(4, s.eventId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void countAttempt(List<SaleEvent> events) {
        if (events.isEmpty()) return;
        journal.inTransaction(() -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "UPDATE outbox_event SET attempts = attempts + 1 WHERE event_id = ? AND status = 'PENDING'")) {
                for (SaleEvent e : events) {
                    ps.setString(1, e.eventId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Status status() {
        return journal.read("the outbox status", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT (SELECT COUNT(*) FROM outbox_event WHERE status = 'PENDING'),"
                            + " (SELECT COUNT(*) FROM outbox_event WHERE status = 'REJECTED'),"
                            + " (SELECT at FROM outbox_event WHERE status = 'PENDING' ORDER BY sequence LIMIT 1)");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Status(rs.getLong(1), rs.getLong(2),
                        Optional.ofNullable(rs.getString(3)).map(SqliteSaleJournal::instant));
            }
        });
    }

    @Override
    public List<Rejected> rejected(int limit) {
        if (limit < 0) throw new IllegalArgumentException("negative limit: " + limit);
        return journal.read("rejected events", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    SELECT_EVENT + "WHERE o.status = 'REJECTED' ORDER BY o.sequence DESC LIMIT ?")) {
                ps.setInt(1, limit);
                List<Rejected> rejected = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rejected.add(new Rejected(event(rs), rs.getString("reject_reason"),
                                SqliteSaleJournal.instant(rs.getString("settled_at"))));
                    }
                }
                return List.copyOf(rejected);
            }
        });
    }

    @Override
    public int pruneSettledBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return journal.inTransaction(() -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "DELETE FROM outbox_event WHERE status IN ('ACCEPTED', 'DUPLICATE') AND settled_at < ?")) {
                ps.setString(1, SqliteSaleJournal.text(cutoff));
                return ps.executeUpdate();
            }
        });
    }

    /** The whole outbox in sequence order with each event's status (tests and the maintenance screen). */
    public List<String> statusesInOrder() {
        return journal.read("the outbox", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT status FROM outbox_event ORDER BY sequence");
                 ResultSet rs = ps.executeQuery()) {
                List<String> all = new ArrayList<>();
                while (rs.next()) all.add(rs.getString(1));
                return List.copyOf(all);
            }
        });
    }

    private static SaleEvent event(ResultSet rs) throws SQLException {
        return new SaleEvent(rs.getString("event_id"), rs.getLong("sequence"),
                SqliteSaleJournal.instant(rs.getString("event_at")), SaleStep.valueOf(rs.getString("step")),
                rs.getString("detail"), SqliteSaleJournal.sale(rs));
    }
}
