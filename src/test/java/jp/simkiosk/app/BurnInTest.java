package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jp.simkiosk.adapter.persistence.sqlite.SqliteSaleJournal;
import jp.simkiosk.app.burnin.BurnIn;
import jp.simkiosk.app.burnin.PurchaseSession;
import jp.simkiosk.app.config.KioskConfig;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.line.LineStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The burn-in plays its sessions through the use cases on the simulators and checks its own invariants; after
 * it, nothing the kiosk keeps — the journal database and its WAL, the log files, the simulators' ledgers — holds a
 * card number (a run of 13–19 digits, single spaces or dashes allowed between them, that passes Luhn), except
 * the SIM and eSIM ICCIDs the kiosk keeps on purpose (19-digit ICCIDs pass Luhn too: they show the scan finds such
 * runs). The sessions mix renewals, new SIMs and new eSIMs, by card and by QR wallet.
 */
class BurnInTest {

    /** A maximal run of digits, possibly grouped by single spaces or dashes: how card numbers are written in text. */
    private static final Pattern GROUPED_DIGITS = Pattern.compile("(?<!\\d)\\d(?:[ -]?\\d)*(?!\\d)");
    /**
     * A maximal run of digits, for the database's binary pages: there SQLite stores values back to back, so
     * a reference's digits and a date's ("…000001" "2026-11-28") would read as one grouped run.
     */
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /**
     * A sale id (a random UUID): its dash-separated groups can read as a grouped digit run that passes Luhn by
     * chance ("…-9e06-671052183702…"), so sale ids are blanked out before the scan.
     */
    private static final Pattern SALE_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /**
     * JUnit's temporary folder ({@code /tmp/junit-924917946754696695/…}): the logs and state files name paths in it,
     * and its random digits pass Luhn one time in ten, so the folder's name is blanked out before the scan.
     */
    private static final Pattern TEMP_FOLDER = Pattern.compile("junit-?\\d+");

    /** The simulated back office's eSIM profile ICCIDs: kept in the journal on purpose, like SIM ICCIDs. */
    private static final String ESIM_PROFILE_PREFIX = "898110990001";

    @TempDir
    Path data;

    @Test
    void sessionsEndInDefinedStatesAndNoCardNumberIsWrittenAnywhere() throws Exception {
        Clock clock = Clock.systemUTC();
        KioskConfig cfg = TestKiosks.demo(data, clock);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            exit = BurnIn.run(cfg, clock, 240, 20261125L, out);
        }
        String report = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(exit).as(report).isZero();
        List<String> sessions = report.lines().filter(l -> l.startsWith("#")).toList();
        assertThat(sessions).hasSize(240);
        assertThat(sessions).noneMatch(l -> l.contains(" ERROR "));
        assertThat(report).contains("invariants: hold").contains("sessions/s").contains("heap in use");
        for (String end : List.of("COMPLETED", "VOIDED", "CANCELLED", "REFUND_PENDING", "REFUNDED")) {
            assertThat(sessions).as("a session ending " + end).anyMatch(l -> l.contains(" " + end + " "));
        }
        for (String kind : List.of("renewal", "new-sim", "new-esim")) {
            assertThat(sessions).as("a " + kind + " session").anyMatch(l -> l.contains(" " + kind + " "));
        }
        for (String fault : List.of("wallet", "dispenser-jam", "sim-not-taken", "upstream-down", "qr-expired")) {
            assertThat(sessions).as("a session with " + fault).anyMatch(l -> l.contains(fault));
        }
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(data.resolve("journal").resolve("sales.db"), clock)) {
            assertThat(journal.integrityCheck()).isTrue();
            assertThat(journal.recent(1_000)).hasSizeGreaterThan(200);
        }
        assertThat(Files.list(data.resolve("logs")).toList()).isNotEmpty();

        Set<String> iccids = knownIccids(cfg);
        Set<String> found = new TreeSet<>(luhnRuns(data.resolve("journal"), DIGITS));
        found.addAll(luhnRuns(data.resolve("logs"), GROUPED_DIGITS));
        try (Stream<Path> top = Files.list(data)) {
            for (Path f : top.filter(Files::isRegularFile).toList()) found.addAll(luhnRuns(f, GROUPED_DIGITS));
        }
        found.removeIf(d -> d.startsWith(ESIM_PROFILE_PREFIX) || d.startsWith(PurchaseSession.REFILL_PREFIX));
        assertThat(found).as("Luhn-valid digit runs in the data folder").isSubsetOf(iccids);
        assertThat(found).as("the scan finds the ICCIDs of the lines renewed by ICCID").isNotEmpty();
    }

    @Test
    void theScanFindsACardNumberHowEverItIsWritten() throws IOException {
        Files.writeString(data.resolve("a.log"), "pan 4242424242424242 end", StandardCharsets.UTF_8);
        Files.write(data.resolve("b.bin"), "\u0000\u00014111-1111-1111-1111\u0002".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(data.resolve("c.txt"), "3530 1113 3330 0000 and 4242424242424241 (not Luhn)", StandardCharsets.UTF_8);
        assertThat(luhnRuns(data, GROUPED_DIGITS)).containsExactlyInAnyOrder("4242424242424242", "4111111111111111",
                "3530111333300000");
        assertThat(luhnRuns(data, DIGITS)).containsExactlyInAnyOrder("4242424242424242");
    }

    /** The ICCIDs the kiosk keeps on purpose: the demo lines renewed by ICCID, the SIMs in the stock file. */
    private static Set<String> knownIccids(KioskConfig cfg) throws IOException {
        Set<String> known = ((KioskConfig.Upstream.Simulated) cfg.upstream()).lines().stream()
                .map(LineStatus::lineId).map(l -> l.value()).filter(v -> v.startsWith("89"))
                .collect(Collectors.toCollection(TreeSet::new));
        Path stock = ((KioskConfig.DeviceSetup.Simulated) cfg.devices().simDispenser()).stockFile();
        Files.readAllLines(stock).stream().map(String::strip).filter(l -> l.startsWith("89")).forEach(known::add);
        return known;
    }

    /** Every run of 13–19 digits passing Luhn in any file under {@code folder} (or that file), read as bytes. */
    static Set<String> luhnRuns(Path folder, Pattern runs) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                String text = TEMP_FOLDER.matcher(SALE_ID.matcher(raw).replaceAll(" ")).replaceAll(" ");
                Matcher m = runs.matcher(text);
                while (m.find()) {
                    String digits = m.group().replaceAll("[ -]", "");
                    if (digits.length() >= 13 && digits.length() <= 19 && Luhn.isValid(digits)) found.add(digits);
                }
            }
        }
        return found;
    }
}
