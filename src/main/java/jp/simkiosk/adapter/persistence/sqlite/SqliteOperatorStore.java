package jp.simkiosk.adapter.persistence.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.port.AuditLog;
import jp.simkiosk.application.port.DayCloses;
import jp.simkiosk.application.port.SalesQuery;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.application.port.SyncHistory;
import jp.simkiosk.domain.sale.Sale;

/**
 * The operator's tables in the sale journal's SQLite file (migration V5): the append-only audit log (SQLite
 * triggers refuse UPDATE and DELETE on it), the stock movements, the closed days (a day's row can be
 * written once), and the sales queries of the maintenance screens. Shares the journal's connection and lock;
 * every write is one durable transaction.
 */
public final class SqliteOperatorStore implements AuditLog, StockLedger, DayCloses, SalesQuery, SyncHistory {

    private final SqliteSaleJournal journal;
    private final java.time.Clock clock;

    SqliteOperatorStore(SqliteSaleJournal journal, java.time.Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- audit log

    @Override
    public Entry append(String who, String action, String before, String after) {
        Instant at = clock.instant();
        for (String s : List.of(before, after)) {
            if (CardNumbers.containsCardNumber(s)) throw new IllegalArgumentException("audit text looks like a card number");
        }
        long seq = journal.inTransaction(() -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "INSERT INTO audit_log (at, who, action, before, after) VALUES (?, ?, ?, ?, ?) RETURNING seq")) {
                ps.setString(1, SqliteSaleJournal.text(at));
                ps.setString(2, who);
                ps.setString(3, action);
                ps.setString(4, before);
                ps.setString(5, after);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Entry(seq, at, who, action, before, after);
    }

    @Override
    public List<Entry> recent(int limit) {
        return journal.read("the audit log", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT seq, at, who, action, before, after FROM audit_log ORDER BY seq DESC LIMIT ?")) {
                ps.setInt(1, limit);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong(1), SqliteSaleJournal.instant(rs.getString(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    @Override
    public List<Entry> writtenBetween(Instant from, Instant to) {
        return journal.read("the audit log of a period", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT seq, at, who, action, before, after FROM audit_log WHERE at >= ? AND at < ? ORDER BY seq")) {
                ps.setString(1, SqliteSaleJournal.text(from));
                ps.setString(2, SqliteSaleJournal.text(to));
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong(1), SqliteSaleJournal.instant(rs.getString(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    // ---------------------------------------------------------------- stock

    @Override
    public void record(Movement m) {
        journal.inTransaction(() -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "INSERT INTO stock_movement (kind, at, count, who, detail) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, m.kind().name());
                ps.setString(2, SqliteSaleJournal.text(m.at()));
                ps.setInt(3, m.count());
                ps.setString(4, m.who());
                ps.setString(5, m.detail());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Movement> between(Instant from, Instant to) {
        return journal.read("stock movements", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT at, kind, count, detail, who FROM stock_movement WHERE at >= ? AND at < ? ORDER BY seq")) {
                ps.setString(1, SqliteSaleJournal.text(from));
                ps.setString(2, SqliteSaleJournal.text(to));
                List<Movement> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Movement(SqliteSaleJournal.instant(rs.getString(1)), Kind.valueOf(rs.getString(2)),
                                rs.getInt(3), rs.getString(4), rs.getString(5)));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    // ---------------------------------------------------------------- closed days

    @Override
    public Optional<Closed> find(LocalDate day) {
        return journal.read("closed days", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT at, who, summary FROM day_close WHERE day = ?")) {
                ps.setString(1, day.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new Closed(day, SqliteSaleJournal.instant(rs.getString(1)), rs.getString(2),
                            rs.getString(3)))
                            : Optional.<Closed>empty();
                }
            }
        });
    }

    @Override
    public void close(Closed closed) {
        journal.inTransaction(() -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "INSERT INTO day_close (day, at, who, summary) VALUES (?, ?, ?, ?) ON CONFLICT (day) DO NOTHING")) {
                ps.setString(1, closed.day().toString());
                ps.setString(2, SqliteSaleJournal.text(closed.at()));
                ps.setString(3, closed.who());
                ps.setString(4, closed.summary());
                if (ps.executeUpdate() == 0) throw new AlreadyClosed(closed.day());
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- sync

    @Override
    public Optional<Instant> lastSettledAt() {
        return journal.read("the last upstream answer", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT MAX(settled_at) FROM outbox_event");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getString(1)).map(SqliteSaleJournal::instant);
            }
        });
    }

    // ---------------------------------------------------------------- sales

    @Override
    public List<Sale> createdBetween(Instant from, Instant to) {
        return journal.read("sales of a period", () -> journal.sales(SqliteSaleJournal.SELECT_SALE
                        + "WHERE created_at >= ? AND created_at < ? ORDER BY created_at, rowid",
                List.of(SqliteSaleJournal.text(from), SqliteSaleJournal.text(to))));
    }

    @Override
    public List<Sale> search(String text, int limit) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        String digits = t.replaceAll("[^0-9]", "");
        if (t.isEmpty()) return List.of();
        return journal.read("a sales search", () -> journal.sales(SqliteSaleJournal.SELECT_SALE
                        + "WHERE reference LIKE ? ESCAPE '\\' OR (? <> '' AND line_id LIKE ?)"
                        + " ORDER BY created_at DESC, rowid DESC LIMIT ?",
                List.of("%" + like(t) + "%", digits, "%" + digits + "%", limit)));
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
