package jp.simkiosk.adapter.persistence.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import jp.simkiosk.application.port.JournalEntry;
import jp.simkiosk.application.port.ReprintQueue;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.IllegalSaleTransition;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.sale.SaleState;
import jp.simkiosk.domain.tax.TaxRate;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The {@link SaleJournal} kept in a SQLite database file in the kiosk's data folder.
 *
 * <p>Durability: the database runs in WAL mode with {@code synchronous=FULL}, so the write-ahead log is
 * synced to disk at every commit, and every write method is exactly one {@code BEGIN IMMEDIATE … COMMIT}
 * transaction that has been synced when the method returns. A crash or power cut after that loses nothing
 * of what it wrote.
 *
 * <p>Schema: versioned by Flyway migrations ({@code src/main/resources/db/migration}) that {@link #open}
 * runs. Instants are stored as ISO-8601 UTC text with nine fraction digits: an exact round trip of
 * {@link Instant} (epoch millis would cut the microseconds a system clock gives), sortable as text and
 * readable with the sqlite3 shell when a technician looks at a kiosk's journal.
 *
 * <p>A new eSIM's activation code is kept in a table of its own ({@code esim_activation}), never in a step,
 * until {@link #maskActivationCode} replaces it by its masked form. SQLite's {@code secure_delete} is on (checked
 * at open), so the overwritten code does not linger in free space of the database file; and the mask is followed
 * by a {@code wal_checkpoint(TRUNCATE)}, so the write-ahead log, which still held the page with the code, is copied
 * into the database file and emptied at once rather than at the next automatic checkpoint.
 *
 * <p>Besides what the port asks, the journal never moves a stored sale backwards: a sale is rewritten only in
 * the state it has or in one its state machine allows next, so a stale copy of a sale cannot undo a later
 * step. It refuses a step detail that looks like a card number.
 *
 * <p>Reprints: a {@code RECEIPT_FAILED} step puts the sale on the {@link ReprintQueue} list in the same
 * transaction, a {@code RECEIPT_PRINTED} step takes it off.
 *
 * <p>At start, {@link #openCheckingIntegrity} runs SQLite's integrity check and sets a failing file aside
 * (moved, never deleted) for a fresh one.
 *
 * <p>Outbox: every step also writes one pending {@code outbox_event} in the same transaction, so the back
 * office is told of every step exactly when the journal holds it ({@link #outbox()} reads and settles them).
 *
 * <p>One JDBC connection; calls are serialized on this object, from any thread.
 */
public final class SqliteSaleJournal implements SaleJournal, ReprintQueue, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SqliteSaleJournal.class);

    private static final String MIGRATIONS = "classpath:db/migration";
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;
    private static final DateTimeFormatter SET_ASIDE_NAME =
            DateTimeFormatter.ofPattern("'set-aside-'uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter INSTANT_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final List<String> SALE_COLUMNS = List.of("id", "reference", "kind", "line_id", "plan_id",
            "plan_name", "price_yen", "tax_rate", "language", "created_at", "state", "card_brand",
            "card_masked_number", "card_approval_code", "current_expiry", "new_expiry", "failure");
    static final String SELECT_SALE = "SELECT " + String.join(", ", SALE_COLUMNS) + " FROM sale ";
    private static final String UPSERT_SALE = "INSERT INTO sale (" + String.join(", ", SALE_COLUMNS) + ") VALUES ("
            + SALE_COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", ")) + ") ON CONFLICT (id) DO UPDATE SET "
            + SALE_COLUMNS.stream().skip(1).map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
    private static final List<SaleState> UNRESOLVED_STATES =
            Arrays.stream(SaleState.values()).filter(s -> !s.isFinal()).toList();

    private final Path file;
    private final Connection connection;
    private final Clock clock;
    private long commits;

    private SqliteSaleJournal(Path file, Connection connection, Clock clock) {
        this.file = file;
        this.connection = connection;
        this.clock = clock;
    }

    /**
     * Opens (creating it and its folders if need be) the journal in {@code databaseFile}, brings its schema
     * up to date and checks that the durable settings are in force.
     *
     * @throws SaleJournalException when the file cannot be opened or migrated, or runs without WAL or
     *                              {@code synchronous=FULL}
     */
    public static SqliteSaleJournal open(Path databaseFile, Clock clock) {
        Objects.requireNonNull(databaseFile, "databaseFile");
        Objects.requireNonNull(clock, "clock");
        Path file = databaseFile.toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new SaleJournalException("cannot create the folder of the sale journal " + file, e);
        }
        SQLiteDataSource dataSource = dataSource(file);
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                log.info("sale journal {}: {} migration(s) applied, schema now at version {}", file,
                        result.migrationsExecuted, result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            throw new SaleJournalException("cannot migrate the sale journal " + file, e);
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new SaleJournalException("cannot open the sale journal " + file, e);
        }
        SqliteSaleJournal journal = new SqliteSaleJournal(file, connection, clock);
        try {
            journal.requireDurableSettings();
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        return journal;
    }

    /**
     * The journal opened at start, and where the previous file went if it failed its integrity check.
     *
     * @param setAside the folder the unsound database files were moved to; empty when the file was sound
     */
    public record Opening(SqliteSaleJournal journal, Optional<Path> setAside) {}

    /**
     * Opens the journal like {@link #open} and runs {@code PRAGMA integrity_check} on it. A file that fails the
     * check, or that SQLite cannot even read as a database, is closed and moved with its write-ahead log and
     * shared-memory file into a new {@code set-aside-<UTC time>} folder beside it (kept for the operator, never
     * deleted), and a fresh journal is opened in its place.
     *
     * @throws SaleJournalException when the file cannot be opened for another reason than corruption, or
     *                              cannot be moved aside
     */
    public static Opening openCheckingIntegrity(Path databaseFile, Clock clock) {
        Path file = databaseFile.toAbsolutePath().normalize();
        try {
            SqliteSaleJournal journal = open(file, clock);
            if (journal.integrityCheck()) return new Opening(journal, Optional.empty());
            journal.close();
        } catch (SaleJournalException e) {
            if (!isCorruption(e)) throw e;
            log.error("sale journal {} cannot be read: the file is corrupt", file, e);
        }
        Path aside = setAside(file, clock);
        log.error("sale journal {} failed its integrity check: moved to {}; starting with a fresh journal", file, aside);
        return new Opening(open(file, clock), Optional.of(aside));
    }

    /** Moves the database file and its -wal and -shm companions into a new folder beside it. */
    private static Path setAside(Path file, Clock clock) {
        Path folder = file.resolveSibling(SET_ASIDE_NAME.format(clock.instant()));
        for (int n = 2; Files.exists(folder); n++) {
            folder = file.resolveSibling(SET_ASIDE_NAME.format(clock.instant()) + "-" + n);
        }
        try {
            Files.createDirectories(folder);
            for (String suffix : List.of("", "-wal", "-shm")) {
                Path f = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(f)) Files.move(f, folder.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new SaleJournalException("cannot move the unsound sale journal " + file + " aside to " + folder, e);
        }
        return folder;
    }

    /** Whether SQLite said, somewhere in the causes, that the file is corrupt or not a database. */
    private static boolean isCorruption(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && isCorruption(sql)) return true;
        }
        return false;
    }

    /** Every connection to the file, Flyway's included, runs with these settings. */
    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // an overwritten eSIM activation code is zeroed in the file, not left in a free page
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    /**
     * WAL is silently refused on some file systems; a journal that is not durable must not sell. Nor one whose
     * freed space keeps its old bytes ({@code secure_delete}): a masked eSIM activation code would stay there.
     */
    private void requireDurableSettings() {
        Status s = status();
        if (!s.journalMode().equals("wal") || !s.synchronous().equals("FULL") || !s.foreignKeys()) {
            throw new SaleJournalException("sale journal " + file + " is not durable: " + s);
        }
        if (!s.secureDelete()) {
            throw new SaleJournalException("sale journal " + file + " runs without secure_delete: a masked activation"
                    + " code would stay in the file");
        }
        log.info("sale journal {} open: {}", file, s);
    }

    // ---------------------------------------------------------------- writes

    @Override
    public synchronized String nextReference(String kioskId) {
        Objects.requireNonNull(kioskId, "kioskId");
        if (!kioskId.matches("\\S+")) throw new IllegalArgumentException("bad kiosk id: '" + kioskId + "'");
        long n = write(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO reference_counter (kiosk_id, last_value) VALUES (?, 1) "
                            + "ON CONFLICT (kiosk_id) DO UPDATE SET last_value = last_value + 1 "
                            + "RETURNING last_value")) {
                ps.setString(1, kioskId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return String.format(Locale.ROOT, "%s-%06d", kioskId, n);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalSaleTransition    when the journal holds the sale in a state from which {@code sale}'s
     *                                  state cannot be reached (nothing is written)
     * @throws IllegalArgumentException when {@code detail} looks like it holds a card number
     * @throws SaleJournalException     when the write fails (nothing is written)
     */
    @Override
    public synchronized void record(Sale sale, SaleStep step, String detail) {
        Objects.requireNonNull(sale, "sale");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(detail, "detail");
        requireNoCardNumber(sale, detail);
        Instant at = clock.instant();
        write(() -> {
            upsertReachable(sale);
            appendStep(sale.id(), at, step, detail);
            appendEvent(sale, at, step, detail);
            updateReprints(sale.id(), at, step, detail);
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalSaleTransition as {@link #record}
     * @throws SaleJournalException  when the write fails (nothing is written)
     */
    @Override
    public synchronized void recordActivationCode(Sale sale, SaleStep step, ActivationCode code) {
        Objects.requireNonNull(sale, "sale");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(code, "code");
        Instant at = clock.instant();
        write(() -> {
            upsertReachable(sale);
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO esim_activation (sale_id, smdp_address, matching_id, masked_matching_id, smdp_oid, "
                            + "confirmation_code) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sale_id) DO NOTHING")) {
                ps.setString(1, sale.id().value());
                ps.setString(2, code.smdpAddress());
                ps.setString(3, code.matchingId());
                ps.setString(4, code.maskedMatchingId());
                ps.setString(5, code.smdpOid().orElse(null));
                ps.setString(6, code.confirmationCode().orElse(null));
                ps.executeUpdate();
            }
            appendStep(sale.id(), at, step, code.masked());
            appendEvent(sale, at, step, code.masked());
            return null;
        });
    }

    @Override
    public synchronized Optional<ActivationCode> activationCode(SaleId id) {
        Objects.requireNonNull(id, "id");
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT smdp_address, matching_id, smdp_oid, confirmation_code FROM esim_activation "
                        + "WHERE sale_id = ? AND matching_id IS NOT NULL")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ActivationCode(rs.getString(1), rs.getString(2),
                        Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new SaleJournalException("cannot read the activation code of sale " + id + " from " + file, e);
        }
    }

    @Override
    public synchronized void maskActivationCode(Sale sale, SaleStep step, String detail) {
        Objects.requireNonNull(sale, "sale");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(detail, "detail");
        requireNoCardNumber(sale, detail);
        Instant at = clock.instant();
        write(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE esim_activation SET matching_id = NULL, confirmation_code = NULL, masked_at = ? "
                            + "WHERE sale_id = ? AND matching_id IS NOT NULL")) {
                ps.setString(1, text(at));
                ps.setString(2, sale.id().value());
                ps.executeUpdate();
            }
            appendStep(sale.id(), at, step, detail);
            appendEvent(sale, at, step, detail);
            return null;
        });
        truncateWriteAheadLog();
    }

    /**
     * Copies the write-ahead log into the database file and truncates it, so that the older version of a page
     * (an activation code before its mask) is gone from the -wal file now; the copy in the database file is the
     * masked page, its freed bytes zeroed by {@code secure_delete}. The mask is committed whatever happens here: a
     * checkpoint that cannot finish (another connection reading) is logged, and the next one, at the latest when
     * the journal closes, completes it.
     */
    private void truncateWriteAheadLog() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (rs.next() && rs.getInt(1) != 0) {
                log.warn("sale journal {}: the write-ahead log could not be emptied now (busy); the next checkpoint does",
                        file);
            }
        } catch (SQLException e) {
            log.error("sale journal {}: write-ahead log checkpoint failed; the next checkpoint empties it", file, e);
        }
    }

    /** @throws IllegalArgumentException when {@code detail} looks like it holds a card number */
    private static void requireNoCardNumber(Sale sale, String detail) {
        if (CardNumbers.containsCardNumber(detail)) {
            // the detail itself is not repeated: it may be a card number
            throw new IllegalArgumentException("step detail of sale " + sale.reference() + " looks like a card number");
        }
    }

    /**
     * Writes the sale's row.
     *
     * @throws IllegalSaleTransition when the journal holds the sale in a state from which {@code sale}'s state
     *                               cannot be reached
     */
    private void upsertReachable(Sale sale) throws SQLException {
        Optional<SaleState> stored = storedState(sale.id());
        if (stored.isPresent() && stored.get() != sale.state() && !stored.get().canMoveTo(sale.state())) {
            throw new IllegalSaleTransition(sale.id(), stored.get(), sale.state());
        }
        upsert(sale);
    }

    private Optional<SaleState> storedState(SaleId id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT state FROM sale WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(SaleState.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private void upsert(Sale sale) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_SALE)) {
            int i = 0;
            ps.setString(++i, sale.id().value());
            ps.setString(++i, sale.reference());
            ps.setString(++i, sale.kind().name());
            ps.setString(++i, sale.lineId().map(LineId::value).orElse(null));
            ps.setString(++i, sale.planId());
            ps.setString(++i, sale.planName());
            ps.setLong(++i, sale.price().amount());
            ps.setString(++i, sale.taxRate().name());
            ps.setString(++i, sale.language().tag());
            ps.setString(++i, text(sale.createdAt()));
            ps.setString(++i, sale.state().name());
            ps.setString(++i, sale.payment().map(CardApproval::brand).orElse(null));
            ps.setString(++i, sale.payment().map(CardApproval::maskedNumber).orElse(null));
            ps.setString(++i, sale.payment().map(CardApproval::approvalCode).orElse(null));
            ps.setString(++i, sale.currentExpiry().map(SqliteSaleJournal::text).orElse(null));
            ps.setString(++i, sale.newExpiry().map(SqliteSaleJournal::text).orElse(null));
            ps.setString(++i, sale.failure().map(FailureReason::name).orElse(null));
            ps.executeUpdate();
        }
    }

    private void appendStep(SaleId id, Instant at, SaleStep step, String detail) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO sale_step (sale_id, seq, at, step, detail) "
                        + "SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4 FROM sale_step WHERE sale_id = ?1")) {
            ps.setString(1, id.value());
            ps.setString(2, text(at));
            ps.setString(3, step.name());
            ps.setString(4, detail);
            ps.executeUpdate();
        }
    }

    /** Keeps {@code receipt_to_reprint} in step with the paper steps. */
    private void updateReprints(SaleId id, Instant at, SaleStep step, String detail) throws SQLException {
        String sql;
        if (step == SaleStep.RECEIPT_FAILED) {
            sql = "INSERT INTO receipt_to_reprint (sale_id, reason, since) VALUES (?, ?, ?) ON CONFLICT (sale_id) DO NOTHING";
        } else if (step == SaleStep.RECEIPT_PRINTED) {
            sql = "DELETE FROM receipt_to_reprint WHERE sale_id = ?";
        } else {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, id.value());
            if (step == SaleStep.RECEIPT_FAILED) {
                ps.setString(2, detail);
                ps.setString(3, text(at));
            }
            ps.executeUpdate();
        }
    }

    /** The outbox event that reports this step to the back office: same transaction as the step. */
    private void appendEvent(Sale sale, Instant at, SaleStep step, String detail) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO outbox_event (status, event_id, step, sale_id, state, at, detail, card_masked_number,"
                        + " card_brand, card_approval_code, failure, new_expiry)"
                        + " VALUES ('PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            ps.setString(++i, UUID.randomUUID().toString());
            ps.setString(++i, step.name());
            ps.setString(++i, sale.id().value());
            ps.setString(++i, sale.state().name());
            ps.setString(++i, text(at));
            ps.setString(++i, detail);
            ps.setString(++i, sale.payment().map(CardApproval::maskedNumber).orElse(null));
            ps.setString(++i, sale.payment().map(CardApproval::brand).orElse(null));
            ps.setString(++i, sale.payment().map(CardApproval::approvalCode).orElse(null));
            ps.setString(++i, sale.failure().map(FailureReason::name).orElse(null));
            ps.setString(++i, sale.newExpiry().map(SqliteSaleJournal::text).orElse(null));
            ps.executeUpdate();
        }
    }

    /**
     * The outbox of sale events this journal fills, on the same connection (so under the same lock and in
     * the same file).
     */
    public SqliteOutbox outbox() {
        return new SqliteOutbox(this);
    }

    /** The operator's audit log, stock movements, closed days (and those owed upstream) and sales queries, in the same file. */
    public SqliteOperatorStore operatorStore() {
        return new SqliteOperatorStore(this, clock);
    }

    /** The cache of the last good plan catalog from upstream, in the same file. */
    public SqliteCatalogCache catalogCache() {
        return new SqliteCatalogCache(this);
    }

    // ---------------------------------------------------------------- queries

    @Override
    public synchronized List<Sale> toReprint() {
        return sales(SELECT_SALE + "JOIN receipt_to_reprint r ON r.sale_id = sale.id ORDER BY r.since, r.sale_id",
                List.of());
    }

    @Override
    public synchronized List<Waiting> waiting() {
        List<Waiting> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SELECT_SALE.replace(" FROM sale ", ", r.since, r.reason FROM sale ")
                + "JOIN receipt_to_reprint r ON r.sale_id = sale.id ORDER BY r.since, r.sale_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new Waiting(sale(rs), instant(rs.getString("since")), rs.getString("reason")));
        } catch (SQLException e) {
            throw new SaleJournalException("cannot read the receipts to reprint from " + file, e);
        }
        return List.copyOf(out);
    }

    @Override
    public synchronized Optional<Sale> find(SaleId id) {
        Objects.requireNonNull(id, "id");
        List<Sale> found = sales(SELECT_SALE + "WHERE id = ?", List.of(id.value()));
        return found.stream().findFirst();
    }

    @Override
    public synchronized Optional<Sale> findByReference(String reference) {
        Objects.requireNonNull(reference, "reference");
        List<Sale> found = sales(SELECT_SALE + "WHERE reference = ?", List.of(reference));
        return found.stream().findFirst();
    }

    @Override
    public synchronized List<JournalEntry> entries(SaleId id) {
        Objects.requireNonNull(id, "id");
        List<JournalEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT seq, at, step, detail FROM sale_step WHERE sale_id = ? ORDER BY seq")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new JournalEntry(id, rs.getLong("seq"), instant(rs.getString("at")),
                            SaleStep.valueOf(rs.getString("step")), rs.getString("detail")));
                }
            }
        } catch (SQLException e) {
            throw new SaleJournalException("cannot read the steps of sale " + id + " from " + file, e);
        }
        return List.copyOf(entries);
    }

    @Override
    public synchronized List<Sale> unresolved() {
        String states = UNRESOLVED_STATES.stream().map(s -> "?").collect(Collectors.joining(", "));
        return sales(SELECT_SALE + "WHERE state IN (" + states + ") ORDER BY created_at, rowid",
                UNRESOLVED_STATES.stream().map(SaleState::name).toList());
    }

    @Override
    public synchronized List<Sale> recent(int limit) {
        if (limit < 0) throw new IllegalArgumentException("negative limit: " + limit);
        return sales(SELECT_SALE + "ORDER BY created_at DESC, rowid DESC LIMIT ?", List.of(limit));
    }

    /** The sales a query selects; call holding this object's lock. */
    List<Sale> sales(String sql, List<?> parameters) {
        List<Sale> sales = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) ps.setObject(i + 1, parameters.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) sales.add(sale(rs));
            }
        } catch (SQLException e) {
            throw new SaleJournalException("cannot read sales from " + file, e);
        }
        return List.copyOf(sales);
    }

    /** Reads a sale from a row that has the sale's columns by their names. */
    static Sale sale(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        try {
            Optional<CardApproval> payment = rs.getString("card_brand") == null
                    ? Optional.empty()
                    : Optional.of(new CardApproval(rs.getString("card_brand"), rs.getString("card_masked_number"),
                            rs.getString("card_approval_code")));
            String tag = rs.getString("language");
            return new Sale(
                    new SaleId(id),
                    rs.getString("reference"),
                    SaleKind.valueOf(rs.getString("kind")),
                    Optional.ofNullable(rs.getString("line_id")).map(LineId::parseNormalized),
                    rs.getString("plan_id"),
                    rs.getString("plan_name"),
                    Yen.of(rs.getLong("price_yen")),
                    TaxRate.valueOf(rs.getString("tax_rate")),
                    Language.fromTag(tag).orElseThrow(() -> new IllegalArgumentException("unknown language " + tag)),
                    instant(rs.getString("created_at")),
                    SaleState.valueOf(rs.getString("state")),
                    payment,
                    Optional.ofNullable(rs.getString("current_expiry")).map(SqliteSaleJournal::instant),
                    Optional.ofNullable(rs.getString("new_expiry")).map(SqliteSaleJournal::instant),
                    Optional.ofNullable(rs.getString("failure")).map(FailureReason::valueOf));
        } catch (IllegalArgumentException e) {
            throw new SaleJournalException("sale " + id + " cannot be read back", e);
        }
    }

    // ---------------------------------------------------------------- health

    /**
     * Whether SQLite's {@code PRAGMA integrity_check} finds the database file sound. A corrupt file is
     * logged with what the check reports and answers {@code false}.
     */
    public synchronized boolean integrityCheck() {
        List<String> report = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) report.add(rs.getString(1));
        } catch (SQLException e) {
            if (isCorruption(e)) {
                log.error("sale journal {} is corrupt", file, e);
                return false;
            }
            throw new SaleJournalException("cannot check the integrity of the sale journal " + file, e);
        }
        boolean ok = report.equals(List.of("ok"));
        if (!ok) log.error("sale journal {} failed its integrity check: {}", file, report);
        return ok;
    }

    private static boolean isCorruption(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == 11 /* SQLITE_CORRUPT */ || primary == 26 /* SQLITE_NOTADB */;
    }

    /**
     * The settings in force on the journal's connection and how much it has written.
     *
     * @param journalMode      SQLite's journal mode ("wal")
     * @param synchronous      OFF, NORMAL, FULL or EXTRA
     * @param foreignKeys      whether foreign keys are enforced
     * @param secureDelete     whether SQLite zeroes deleted and overwritten content ({@code PRAGMA secure_delete}),
     *                         so that a masked activation code does not stay in the file
     * @param schemaVersion    the version of the last migration applied
     * @param commitsSinceOpen the write transactions committed since {@link #open}
     */
    public record Status(String journalMode, String synchronous, boolean foreignKeys, boolean secureDelete,
                         String schemaVersion, long commitsSinceOpen) {}

    /** The journal's settings as SQLite reports them now, for start-up checks and the maintenance screen. */
    public synchronized Status status() {
        try (Statement s = connection.createStatement()) {
            String journalMode = single(s, "PRAGMA journal_mode");
            String synchronous = switch (Integer.parseInt(single(s, "PRAGMA synchronous"))) {
                case 0 -> "OFF";
                case 1 -> "NORMAL";
                case 2 -> "FULL";
                case 3 -> "EXTRA";
                default -> "UNKNOWN";
            };
            boolean foreignKeys = single(s, "PRAGMA foreign_keys").equals("1");
            boolean secureDelete = single(s, "PRAGMA secure_delete").equals("1");
            String version = single(s, "SELECT version FROM flyway_schema_history WHERE success = 1 "
                    + "AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1");
            return new Status(journalMode, synchronous, foreignKeys, secureDelete, version, commits);
        } catch (SQLException e) {
            throw new SaleJournalException("cannot read the settings of the sale journal " + file, e);
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) throw new SQLException("no result for " + sql);
            return rs.getString(1);
        }
    }

    /** Closes the connection; SQLite checkpoints the write-ahead log into the database file. */
    @Override
    public synchronized void close() {
        try {
            if (!connection.isClosed()) {
                connection.close();
                log.info("sale journal {} closed", file);
            }
        } catch (SQLException e) {
            throw new SaleJournalException("cannot close the sale journal " + file, e);
        }
    }

    // ---------------------------------------------------------------- transactions and instants

    /** A unit of work on the connection. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** The connection, for the outbox and catalog cache of this file; use it holding this object's lock. */
    Connection connection() {
        return connection;
    }

    /** The database file, for messages. */
    Path file() {
        return file;
    }

    /** Runs {@code work} as one durable write transaction under this journal's lock. */
    synchronized <T> T inTransaction(Work<T> work) {
        return write(work);
    }

    /** Runs a read under this journal's lock; {@code what} names it in the exception on failure. */
    synchronized <T> T read(String what, Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new SaleJournalException("cannot read " + what + " from " + file, e);
        }
    }

    /** Runs {@code work} as one {@code BEGIN IMMEDIATE … COMMIT}; on any failure nothing of it is kept. */
    private <T> T write(Work<T> work) {
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            T result;
            try {
                result = work.run();
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollback(s, e);
                throw e;
            }
            commits++;
            return result;
        } catch (SQLException e) {
            throw new SaleJournalException("cannot write to the sale journal " + file, e);
        }
    }

    private static void rollback(Statement s, Exception cause) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back (an I/O error does); the cause is what matters
            cause.addSuppressed(e);
        }
    }

    static String text(Instant instant) {
        return INSTANT_TEXT.format(instant);
    }

    static Instant instant(String text) {
        return Instant.parse(text);
    }
}
