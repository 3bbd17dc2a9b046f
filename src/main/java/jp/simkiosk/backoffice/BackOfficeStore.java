package jp.simkiosk.backoffice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The reference back office's SQLite database ({@code db/backoffice} migrations): events by event id,
 * closed days by kiosk and day, renewals, new lines and QR wallet payments by sale id, lines' current plans, seen request ids and heartbeats. One connection; calls are
 * serialized on this object.
 */
public final class BackOfficeStore implements AutoCloseable {

    /** An event as stored: its outcome is what every later copy of it is answered with. */
    public record StoredEvent(long arrival, String kioskId, String eventId, long sequence, String step, String saleId,
                              String outcome, Optional<String> reason, Optional<Instant> appliedExpiry, String body) {}

    /** A closed day as a kiosk reported it; {@code body} is the report as received (JSON). */
    public record StoredDayClose(long arrival, String kioskId, String day, Instant closedAt, String closedBy,
                                 long soldCount, long soldTotalYen, Instant receivedAt, String body) {}

    /** A renewal as applied or refused, by sale id. */
    public record StoredRenewal(String saleId, String lineId, String planId, boolean applied,
                                Optional<Instant> newExpiry, Optional<String> reason) {}

    /**
     * A new line as activated (a new SIM), issued (a new eSIM) or refused, by sale id. {@code smdpAddress},
     * {@code matchingId} and {@code confirmationCode} (when the profile needs one) are an issued eSIM's activation
     * code, kept to answer a repeat the same: never logged.
     */
    public record StoredNewLine(String saleId, String form, String planId, String outcome, Optional<String> iccid,
                                Optional<Instant> expiry, Optional<String> reason, Optional<String> smdpAddress,
                                Optional<String> matchingId, Optional<String> confirmationCode) {
        public static final String ACTIVE = "ACTIVE";
        public static final String REJECTED = "REJECTED";
        public static final String CANCELLED = "CANCELLED";

        @Override
        public String toString() {
            return "StoredNewLine[" + saleId + ", " + form + ", " + planId + ", " + outcome + "]";
        }
    }

    /** A QR wallet payment the back office stands in for the provider with; the latest of a sale is its current one. */
    public record StoredPayment(String paymentId, String kioskId, String saleId, long amountYen, String state,
                                Instant createdAt, Optional<Instant> approveAt, Instant expiresAt, Optional<String> wallet,
                                Optional<String> reason, long refundedYen) {
        StoredPayment with(String newState, Optional<String> newWallet, Optional<String> newReason, long refunded) {
            return new StoredPayment(paymentId, kioskId, saleId, amountYen, newState, createdAt, approveAt, expiresAt,
                    newWallet, newReason, refunded);
        }
    }

    private final Connection connection;

    private BackOfficeStore(Connection connection) {
        this.connection = connection;
    }

    public static BackOfficeStore open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(5_000);
            SQLiteDataSource ds = new SQLiteDataSource(config);
            ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
            Flyway.configure().dataSource(ds).locations("classpath:db/backoffice").failOnMissingLocations(true)
                    .load().migrate();
            return new BackOfficeStore(ds.getConnection());
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot open the back office database " + file, e);
        }
    }

    /** A unit of work in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} as one transaction; nothing of it is kept on failure. */
    public synchronized <T> T inTransaction(Work<T> work) {
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run();
                s.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("back office database: " + e.getMessage(), e);
        }
    }

    /** Records a request id; false when it was seen before (a replay). */
    public synchronized boolean firstSight(String requestId, String kioskId, Instant at) {
        return inTransaction(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO seen_request (request_id, kiosk_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, requestId);
                ps.setString(2, kioskId);
                ps.setString(3, at.toString());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Forgets request ids older than {@code before} (they would be refused for their timestamp anyway). */
    public synchronized void forgetRequestsBefore(Instant before) {
        inTransaction(() -> {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM seen_request WHERE at < ?")) {
                ps.setString(1, before.toString());
                return ps.executeUpdate();
            }
        });
    }

    // the following run inside inTransaction

    Optional<StoredEvent> event(String eventId) throws SQLException {
        List<StoredEvent> found = events("WHERE event_id = ?", eventId);
        return found.stream().findFirst();
    }

    void insertEvent(String kioskId, String eventId, long sequence, String step, String saleId, String outcome,
                     Optional<String> reason, Optional<Instant> appliedExpiry, Instant at, String body) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO event (kiosk_id, event_id, sequence, step, sale_id, outcome, reason, applied_expiry,"
                        + " received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, kioskId);
            ps.setString(2, eventId);
            ps.setLong(3, sequence);
            ps.setString(4, step);
            ps.setString(5, saleId);
            ps.setString(6, outcome);
            ps.setString(7, reason.orElse(null));
            ps.setString(8, appliedExpiry.map(Instant::toString).orElse(null));
            ps.setString(9, at.toString());
            ps.setString(10, body);
            ps.executeUpdate();
        }
    }

    Optional<StoredDayClose> dayClose(String kioskId, String day) throws SQLException {
        return dayCloses("WHERE kiosk_id = ? AND day = ?", kioskId, day).stream().findFirst();
    }

    void insertDayClose(StoredDayClose c) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO day_close (kiosk_id, day, closed_at, closed_by, sold_count, sold_total_yen, received_at,"
                        + " body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, c.kioskId());
            ps.setString(2, c.day());
            ps.setString(3, c.closedAt().toString());
            ps.setString(4, c.closedBy());
            ps.setLong(5, c.soldCount());
            ps.setLong(6, c.soldTotalYen());
            ps.setString(7, c.receivedAt().toString());
            ps.setString(8, c.body());
            ps.executeUpdate();
        }
    }

    Optional<StoredRenewal> renewal(String saleId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT sale_id, line_id, plan_id, outcome, new_expiry, reason FROM renewal WHERE sale_id = ?")) {
            ps.setString(1, saleId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new StoredRenewal(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4).equals("APPLIED"), Optional.ofNullable(rs.getString(5)).map(Instant::parse),
                        Optional.ofNullable(rs.getString(6))));
            }
        }
    }

    void insertRenewal(String kioskId, StoredRenewal r, Instant at) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO renewal (sale_id, kiosk_id, line_id, plan_id, outcome, new_expiry, reason, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.saleId());
            ps.setString(2, kioskId);
            ps.setString(3, r.lineId());
            ps.setString(4, r.planId());
            ps.setString(5, r.applied() ? "APPLIED" : "REJECTED");
            ps.setString(6, r.newExpiry().map(Instant::toString).orElse(null));
            ps.setString(7, r.reason().orElse(null));
            ps.setString(8, at.toString());
            ps.executeUpdate();
        }
    }

    /** The line's plan and expiry after renewals here, if any was applied. */
    Optional<String[]> lineState(String lineId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT plan_id, expiry FROM line_state WHERE line_id = ?")) {
            ps.setString(1, lineId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    void saveLineState(String lineId, String planId, Instant expiry) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO line_state (line_id, plan_id, expiry) VALUES (?, ?, ?) ON CONFLICT (line_id)"
                        + " DO UPDATE SET plan_id = excluded.plan_id, expiry = excluded.expiry")) {
            ps.setString(1, lineId);
            ps.setString(2, planId);
            ps.setString(3, expiry.toString());
            ps.executeUpdate();
        }
    }

    Optional<StoredNewLine> newLine(String saleId) throws SQLException {
        return newLines("WHERE sale_id = ?", saleId).stream().findFirst();
    }

    /** The active (not cancelled) new line with this ICCID, if any. */
    Optional<StoredNewLine> activeNewLine(String iccid) throws SQLException {
        return newLines("WHERE iccid = ? AND outcome = 'ACTIVE'", iccid).stream().findFirst();
    }

    /** How many eSIM profiles were ever issued here: the serial of the next profile's ICCID. */
    long esimsIssued() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COUNT(*) FROM new_line WHERE form = 'ESIM' AND iccid IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void insertNewLine(String kioskId, StoredNewLine n, Instant at) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO new_line (sale_id, kiosk_id, form, plan_id, outcome, iccid, expiry, reason, smdp_address,"
                        + " matching_id, at, confirmation_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, n.saleId());
            ps.setString(2, kioskId);
            ps.setString(3, n.form());
            ps.setString(4, n.planId());
            ps.setString(5, n.outcome());
            ps.setString(6, n.iccid().orElse(null));
            ps.setString(7, n.expiry().map(Instant::toString).orElse(null));
            ps.setString(8, n.reason().orElse(null));
            ps.setString(9, n.smdpAddress().orElse(null));
            ps.setString(10, n.matchingId().orElse(null));
            ps.setString(11, at.toString());
            ps.setString(12, n.confirmationCode().orElse(null));
            ps.executeUpdate();
        }
    }

    /** Marks the sale's active new line cancelled; false when it had none active. */
    boolean cancelNewLine(String saleId, Instant at) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE new_line SET outcome = 'CANCELLED', cancelled_at = ? WHERE sale_id = ? AND outcome = 'ACTIVE'")) {
            ps.setString(1, at.toString());
            ps.setString(2, saleId);
            return ps.executeUpdate() == 1;
        }
    }

    private List<StoredNewLine> newLines(String where, Object... parameters) throws SQLException {
        return select("SELECT sale_id, form, plan_id, outcome, iccid, expiry, reason, smdp_address, matching_id,"
                + " confirmation_code FROM new_line " + where, rs -> new StoredNewLine(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)).map(Instant::parse),
                Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)),
                Optional.ofNullable(rs.getString(9)), Optional.ofNullable(rs.getString(10))), parameters);
    }

    /** One row of a query's result. */
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The rows {@code sql} finds with {@code parameters} bound in order. */
    private <T> List<T> select(String sql, Row<T> row, Object... parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) ps.setObject(i + 1, parameters[i]);
            List<T> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) all.add(row.read(rs));
            }
            return all;
        }
    }

    private static final String PAYMENT_COLUMNS = "payment_id, kiosk_id, sale_id, amount_yen, state, created_at,"
            + " approve_at, expires_at, wallet, reason, refunded_yen";

    /** The sale's latest payment. */
    Optional<StoredPayment> latestPayment(String kioskId, String saleId) throws SQLException {
        return payments("WHERE kiosk_id = ? AND sale_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1", kioskId, saleId)
                .stream().findFirst();
    }

    Optional<StoredPayment> payment(String paymentId) throws SQLException {
        return payments("WHERE payment_id = ?", paymentId).stream().findFirst();
    }

    void insertPayment(StoredPayment p) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO wallet_payment (" + PAYMENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, p.paymentId());
            ps.setString(2, p.kioskId());
            ps.setString(3, p.saleId());
            ps.setLong(4, p.amountYen());
            ps.setString(5, p.state());
            ps.setString(6, p.createdAt().toString());
            ps.setString(7, p.approveAt().map(Instant::toString).orElse(null));
            ps.setString(8, p.expiresAt().toString());
            ps.setString(9, p.wallet().orElse(null));
            ps.setString(10, p.reason().orElse(null));
            ps.setLong(11, p.refundedYen());
            ps.executeUpdate();
        }
    }

    void updatePayment(StoredPayment p) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE wallet_payment SET state = ?, wallet = ?, reason = ?, refunded_yen = ? WHERE payment_id = ?")) {
            ps.setString(1, p.state());
            ps.setString(2, p.wallet().orElse(null));
            ps.setString(3, p.reason().orElse(null));
            ps.setLong(4, p.refundedYen());
            ps.setString(5, p.paymentId());
            ps.executeUpdate();
        }
    }

    private List<StoredPayment> payments(String where, Object... parameters) throws SQLException {
        return select("SELECT " + PAYMENT_COLUMNS + " FROM wallet_payment " + where,
                rs -> new StoredPayment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), Instant.parse(rs.getString(6)),
                        Optional.ofNullable(rs.getString(7)).map(Instant::parse), Instant.parse(rs.getString(8)),
                        Optional.ofNullable(rs.getString(9)), Optional.ofNullable(rs.getString(10)), rs.getLong(11)),
                parameters);
    }

    /** The new line of a sale as stored (tests, operators). */
    public synchronized Optional<StoredNewLine> newLineOf(String saleId) {
        return inTransaction(() -> newLine(saleId));
    }

    public synchronized void saveHeartbeat(String kioskId, Instant at, String body) {
        inTransaction(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO heartbeat (kiosk_id, received_at, body) VALUES (?, ?, ?)")) {
                ps.setString(1, kioskId);
                ps.setString(2, at.toString());
                ps.setString(3, body);
                return ps.executeUpdate();
            }
        });
    }

    // ---------------------------------------------------------------- reading back (tests, operators)

    /** Every event stored, in order of arrival. */
    public synchronized List<StoredEvent> events() {
        try {
            return events("ORDER BY arrival");
        } catch (SQLException e) {
            throw new IllegalStateException("back office database: " + e.getMessage(), e);
        }
    }

    /** Every closed day stored, in order of arrival. */
    public synchronized List<StoredDayClose> dayCloses() {
        try {
            return dayCloses("ORDER BY arrival");
        } catch (SQLException e) {
            throw new IllegalStateException("back office database: " + e.getMessage(), e);
        }
    }

    private List<StoredDayClose> dayCloses(String where, Object... parameters) throws SQLException {
        return select("SELECT arrival, kiosk_id, day, closed_at, closed_by, sold_count, sold_total_yen, received_at, body"
                + " FROM day_close " + where, rs -> new StoredDayClose(rs.getLong(1), rs.getString(2), rs.getString(3),
                Instant.parse(rs.getString(4)), rs.getString(5), rs.getLong(6), rs.getLong(7),
                Instant.parse(rs.getString(8)), rs.getString(9)), parameters);
    }

    /** The heartbeat bodies received, oldest first. */
    public synchronized List<String> heartbeats() {
        try {
            return select("SELECT body FROM heartbeat ORDER BY id", rs -> rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("back office database: " + e.getMessage(), e);
        }
    }

    private List<StoredEvent> events(String where, Object... parameters) throws SQLException {
        return select("SELECT arrival, kiosk_id, event_id, sequence, step, sale_id, outcome, reason, applied_expiry, body"
                + " FROM event " + where, rs -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), Optional.ofNullable(rs.getString(8)),
                Optional.ofNullable(rs.getString(9)).map(Instant::parse), rs.getString(10)), parameters);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the back office database", e);
        }
    }
}
