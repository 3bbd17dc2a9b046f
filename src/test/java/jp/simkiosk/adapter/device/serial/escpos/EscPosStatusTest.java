package jp.simkiosk.adapter.device.serial.escpos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.MediaCondition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DLE EOT parsing table: which answers are valid, and what a full status means for the kiosk. */
class EscPosStatusTest {

    @ParameterizedTest(name = "DLE EOT {0} answered {1}: valid={2}")
    @CsvSource({
            // n, answer, valid
            "1, 12, true",     // normal
            "1, 1A, true",     // offline
            "1, 7A, true",     // offline, waiting for recovery, feed button
            "2, 76, true",     // cover open, paper end stop, error
            "3, 7A, true",     // autocutter, unrecoverable, auto-recoverable
            "4, 1E, true",     // near end
            "4, 72, true",     // paper end
            "4, 7E, true",     // both
            "1, 00, false",    // bit1 must be 1, bit4 must be 1
            "1, 13, false",    // bit0 must be 0
            "2, 02, false",    // bit4 must be 1
            "3, 10, false",    // bit1 must be 1
            "4, 92, false",    // bit7 must be 0
            "1, 93, false",
            "1, FF, false",
            "1, 08, false",    // an ASB first byte (bits 0-1 = 0), not a DLE EOT answer
            "4, 16, false",    // near-end field half set
            "4, 1A, false",
            "4, 32, false",    // paper-end field half set
            "4, 52, false",
            "2, 32, true",     // bit5 alone is fine where it is a single flag
    })
    void validAnswers(int n, String answer, boolean valid) {
        assertThat(EscPosStatus.wellFormed(n, Integer.parseInt(answer, 16))).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} -> fault {4}, media {5}")
    @CsvSource({
            // n=1, n=2, n=3, n=4, fault, media
            "12, 12, 12, 12, -,              -",
            "12, 12, 12, 1E, -,              PAPER_NEAR_END",
            "1A, 32, 12, 7E, MEDIA,          PAPER_NEAR_END PAPER_OUT",
            "1A, 32, 12, 12, MEDIA,          PAPER_OUT",           // stopped by paper end, sensor not yet
            "12, 12, 12, 72, MEDIA,          PAPER_OUT",
            "1A, 16, 12, 12, MEDIA,          COVER_OPEN",
            "1A, 52, 1A, 12, CUTTER_ERROR,   -",
            "1A, 56, 1A, 12, CUTTER_ERROR,   COVER_OPEN",         // cutter first: it needs a technician
            "1A, 52, 32, 12, HARDWARE_ERROR, -",                 // unrecoverable
            "1A, 52, 52, 12, NOT_READY,      -",                 // auto-recoverable (head too hot)
            "1A, 52, 12, 12, HARDWARE_ERROR, -",                 // error without a cause
            "1A, 12, 12, 12, NOT_READY,      -",                 // offline, no cause
            "3A, 1A, 12, 1E, NOT_READY,      PAPER_NEAR_END",    // waiting for recovery, feed button
    })
    void whatAStatusMeans(String printer, String offline, String error, String paper, String fault, String media) {
        EscPosStatus s = new EscPosStatus(hex(printer), hex(offline), hex(error), hex(paper));

        assertThat(s.fault()).isEqualTo(fault.equals("-") ? Optional.empty() : Optional.of(DeviceFault.valueOf(fault)));
        assertThat(s.media()).isEqualTo(media.equals("-") ? Set.of()
                : Arrays.stream(media.split(" ")).map(MediaCondition::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(MediaCondition.class))));
    }

    @ParameterizedTest
    @CsvSource({"00, 12, 12, 12", "12, 13, 12, 12", "12, 12, 92, 12", "12, 12, 12, 16"})
    void refusesAMalformedAnswer(String printer, String offline, String error, String paper) {
        assertThatThrownBy(() -> new EscPosStatus(hex(printer), hex(offline), hex(error), hex(paper)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed");
    }

    private static int hex(String s) {
        return Integer.parseInt(s.trim(), 16);
    }
}
