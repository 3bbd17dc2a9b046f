package jp.simkiosk.adapter.persistence.sqlite;

import static jp.simkiosk.adapter.persistence.sqlite.Sales.ICCID_19;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.ICCID_20;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.JCB;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.MOBILE;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.T0;
import static jp.simkiosk.adapter.persistence.sqlite.Sales.VISA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import jp.simkiosk.application.port.SaleStep;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.Sale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing in the journal's files looks like a card number: the raw bytes of the database, its write-ahead
 * log and shared-memory file hold no run of 13 to 19 digits that passes the Luhn check, except the 19-digit
 * ICCID written on purpose (which shows that the scan does find such runs).
 */
class SqliteSaleJournalCardDataTest {

    @TempDir
    Path dir;

    @Test
    void noCardNumberIsAnywhereInTheDatabaseFiles() throws IOException {
        Path file = dir.resolve("sales.db");
        String pan = SqliteSaleJournalTest.testCardNumber();
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(file, new SteppingClock(T0, Duration.ofMillis(700)))) {
            for (int n = 1; n <= 40; n++) {
                Sale opened = switch (n % 4) {
                    case 0 -> Sales.renewal(n, MOBILE, T0.plusSeconds(n));
                    case 1 -> Sales.renewal(n, ICCID_19, T0.plusSeconds(n));
                    case 2 -> Sales.renewal(n, ICCID_20, T0.plusSeconds(n));
                    default -> Sales.newSim(n, T0.plusSeconds(n));
                };
                journal.nextReference("TYO01");
                journal.record(opened, SaleStep.OPENED, opened.planId());
                journal.step(opened, SaleStep.PAYMENT_REQUESTED, opened.price().toString());
                assertThatThrownBy(() -> journal.step(opened, SaleStep.PAYMENT_DECLINED, "pan " + pan))
                        .isInstanceOf(IllegalArgumentException.class);
                Sale paid = opened.paid(n % 2 == 0 ? VISA : JCB);
                journal.record(paid, SaleStep.PAYMENT_APPROVED, "");
                if (n % 5 == 0) {
                    journal.record(paid.voided(FailureReason.RENEWAL_REJECTED), SaleStep.VOIDED, "RENEWAL_REJECTED");
                } else {
                    Sale fulfilled = paid.fulfilled(T0.plusSeconds(30 * 86_400L));
                    journal.record(fulfilled, SaleStep.FULFILLED, fulfilled.newExpiry().orElseThrow().toString());
                    journal.record(fulfilled.completed(), SaleStep.CAPTURED, "");
                    journal.step(fulfilled.completed(), SaleStep.RECEIPT_PRINTED, Long.toString(18_000L + n));
                }
            }
            assertThat(luhnRunsIn(dir)).containsExactly(ICCID_19.value());
        }
        assertThat(file.resolveSibling("sales.db-wal")).doesNotExist();
        assertThat(luhnRunsIn(dir)).containsExactly(ICCID_19.value());
    }

    /** Every maximal run of 13–19 ASCII digits passing Luhn in any file of {@code folder}. */
    private static Set<String> luhnRunsIn(Path folder) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                byte[] bytes = Files.readAllBytes(f);
                int i = 0;
                while (i < bytes.length) {
                    if (!isDigit(bytes[i])) {
                        i++;
                        continue;
                    }
                    int start = i;
                    while (i < bytes.length && isDigit(bytes[i])) i++;
                    String run = new String(bytes, start, i - start, java.nio.charset.StandardCharsets.US_ASCII);
                    if (run.length() >= 13 && run.length() <= 19 && Luhn.isValid(run)) found.add(run);
                }
            }
        }
        return found;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
