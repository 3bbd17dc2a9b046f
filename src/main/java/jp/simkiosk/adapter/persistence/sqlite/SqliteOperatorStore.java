package jp.simkiosk.adapter.persistence.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jp.simkiosk.application.operator.ZReport;
import jp.simkiosk.application.port.AuditLog;
import jp.simkiosk.application.port.DayCloseOutbox;
import jp.simkiosk.application.port.DayCloses;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.Outbox;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.application.port.SalesQuery;
import jp.simkiosk.application.port.StockLedger;
import jp.simkiosk.application.port.SyncHistory;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;

/**
 * The operator's tables in the sale journal's SQLite file (migrations V5, V7, V8): the append-only audit log (SQLite
 * triggers refuse UPDATE and DELETE on it), the stock movements, the closed days (a day's row can be
 * written once) with their reports owed to the back office ({@code day_close_upstream}, written in the
 * close's transaction, the report computed inside it), and the sales queries of the maintenance screens and
 * the Z report. Shares the journal's connection
 * and lock; every write is one durable transaction.
 */
public final class SqliteOperatorStore implements AuditLog, StockLedger, DayCloses, DayCloseOutbox, SalesQuery,
        SyncHistory {

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
                return entries(ps);
            }
        });
    }

    @Override
    public List<Entry> recent(java.util.Set<String> actions, int limit) {
        if (actions.isEmpty()) return List.of();
        List<String> names = List.copyOf(actions);
        String marks = String.join(", ", java.util.Collections.nCopies(names.size(), "?"));
        return journal.read("the audit log", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT seq, at, who, action, before, after FROM audit_log WHERE action IN (" + marks + ")"
                            + " ORDER BY seq DESC LIMIT ?")) {
                int n = 1;
                for (String a : names) ps.setString(n++, a);
                ps.setInt(n, limit);
                return entries(ps);
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
                return entries(ps);
            }
        });
    }

    /** The audit entries a query of {@code seq, at, who, action, before, after} finds. */
    private static List<Entry> entries(PreparedStatement ps) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Entry(rs.getLong(1), SqliteSaleJournal.instant(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)));
            }
        }
        return List.copyOf(out);
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
    public Optional<Closed> latest() {
        return journal.read("the latest close", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT day, at, who, summary FROM day_close ORDER BY at DESC, day DESC LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Closed(LocalDate.parse(rs.getString(1)), SqliteSaleJournal.instant(rs.getString(2)),
                        rs.getString(3), rs.getString(4)))
                        : Optional.<Closed>empty();
            }
        });
    }

    /**
     * {@inheritDoc} The report is computed under the journal's lock inside the close's {@code BEGIN IMMEDIATE}
     * transaction: no step, stock movement or other close of this kiosk can be written meanwhile, and the journal
     * stamps every write with the clock under that same lock, so each is either before the close's instant and
     * in its report, or after it.
     */
    @Override
    public ZReport close(LocalDate day, Supplier<ZReport> compute) {
        return journal.inTransaction(() -> {
            if (find(day).isPresent()) throw new AlreadyClosed(day);
            ZReport report = compute.get();
            if (!report.day().equals(day)) throw new IllegalArgumentException("a report of " + report.day() + " to close " + day);
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "INSERT INTO day_close (day, at, who, summary) VALUES (?, ?, ?, ?) ON CONFLICT (day) DO NOTHING")) {
                ps.setString(1, day.toString());
                ps.setString(2, SqliteSaleJournal.text(report.closedAt()));
                ps.setString(3, report.closedBy());
                ps.setString(4, report.summary());
                if (ps.executeUpdate() == 0) throw new AlreadyClosed(report.day());
            }
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "INSERT INTO day_close_upstream (day, status, closed_at, report) VALUES (?, 'PENDING', ?, ?)")) {
                ps.setString(1, day.toString());
                ps.setString(2, SqliteSaleJournal.text(report.closedAt()));
                ps.setString(3, ZReportJson.write(report));
                ps.executeUpdate();
            }
            return report;
        });
    }

    // ---------------------------------------------------------------- closed days owed upstream

    @Override
    public List<Owed> owed() {
        return journal.read("closed days owed upstream", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT report, attempts FROM day_close_upstream WHERE status = 'PENDING' ORDER BY day");
                 ResultSet rs = ps.executeQuery()) {
                List<Owed> out = new ArrayList<>();
                while (rs.next()) out.add(new Owed(ZReportJson.read(rs.getString(1)), rs.getInt(2)));
                return List.copyOf(out);
            }
        });
    }

    @Override
    public void settle(LocalDate day, Outbox.Outcome outcome, String reason, Instant at) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        if ((outcome == Outbox.Outcome.REJECTED) == reason.isBlank()) {
            throw new IllegalArgumentException("a rejection, and only a rejection, carries a reason");
        }
        journal.inTransaction(() -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "UPDATE day_close_upstream SET status = ?, settled_at = ?, reject_reason = ?"
                            + " WHERE day = ? AND status = 'PENDING'")) {
                ps.setString(1, outcome.name());
                ps.setString(2, SqliteSaleJournal.text(at));
                ps.setString(3, outcome == Outbox.Outcome.REJECTED ? reason : null);
                ps.setString(4, day.toString());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void countAttempt(LocalDate day, String failure) {
        journal.inTransaction(() -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "UPDATE day_close_upstream SET attempts = attempts + 1, last_failure = ?"
                            + " WHERE day = ? AND status = 'PENDING'")) {
                ps.setString(1, failure);
                ps.setString(2, day.toString());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<Sending> latest(int limit) {
        if (limit < 0) throw new IllegalArgumentException("negative limit: " + limit);
        return journal.read("closed days sent upstream", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT day, closed_at, status, reject_reason, attempts, last_failure, settled_at"
                            + " FROM day_close_upstream ORDER BY day DESC LIMIT ?")) {
                ps.setInt(1, limit);
                List<Sending> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String status = rs.getString(3);
                        out.add(new Sending(LocalDate.parse(rs.getString(1)), SqliteSaleJournal.instant(rs.getString(2)),
                                status.equals("PENDING") ? Optional.empty() : Optional.of(Outbox.Outcome.valueOf(status)),
                                Optional.ofNullable(rs.getString(4)).orElse(""), rs.getInt(5),
                                Optional.ofNullable(rs.getString(6)),
                                Optional.ofNullable(rs.getString(7)).map(SqliteSaleJournal::instant)));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    @Override
    public long waiting() {
        return journal.read("closed days owed upstream", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT COUNT(*) FROM day_close_upstream WHERE status = 'PENDING'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
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
    public List<History> withStepsBetween(Set<SaleStep> steps, Instant from, Instant to) {
        if (steps.isEmpty()) return List.of();
        String kinds = steps.stream().map(k -> "'" + k.name() + "'").sorted().collect(Collectors.joining(", "));
        String touched = "SELECT sale_id FROM sale_step WHERE step IN (" + kinds + ") AND at >= ?1 AND at < ?2";
        return journal.read("the steps of a period", () -> {
            Map<SaleId, List<JournalEntry>> entries = new HashMap<>();
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT sale_id, seq, at, step, detail FROM sale_step WHERE step IN (" + kinds + ") AND at < ?2"
                            + " AND sale_id IN (" + touched + ") ORDER BY sale_id, seq")) {
                ps.setString(1, SqliteSaleJournal.text(from));
                ps.setString(2, SqliteSaleJournal.text(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SaleId id = new SaleId(rs.getString(1));
                        entries.computeIfAbsent(id, k -> new ArrayList<>()).add(new JournalEntry(id, rs.getLong(2),
                                SqliteSaleJournal.instant(rs.getString(3)), SaleStep.valueOf(rs.getString(4)),
                                rs.getString(5)));
                    }
                }
            }
            List<Sale> touchedSales = journal.sales(SqliteSaleJournal.SELECT_SALE + "WHERE id IN ("
                    + touched.replace("?1", "?").replace("?2", "?") + ") ORDER BY created_at, rowid",
                    List.of(SqliteSaleJournal.text(from), SqliteSaleJournal.text(to)));
            List<History> out = new ArrayList<>();
            for (Sale sale : touchedSales) out.add(new History(sale, entries.getOrDefault(sale.id(), List.of())));
            return List.copyOf(out);
        });
    }

    @Override
    public Optional<Instant> firstSaleAt() {
        return journal.read("the first sale", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement("SELECT MIN(created_at) FROM sale");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getString(1)).map(SqliteSaleJournal::instant);
            }
        });
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
