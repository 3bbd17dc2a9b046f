package jp.simkiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jp.simkiosk.application.operator.PinHash;
import org.junit.jupiter.api.Test;

/** {@code --hash-pin}: a PIN on standard input, its hash for kiosk.yaml on standard output. */
class HashPinTest {

    @Test
    void printsAHashThatMatchesThePinReadFromStdin() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.hashPin(new ByteArrayInputStream("5307\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).doesNotContain("5307");
        assertThat(PinHash.parse(line).matches("5307")).isTrue();
    }

    @Test
    void refusesSomethingThatIsNotAPin() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.hashPin(new ByteArrayInputStream("12\n".getBytes(StandardCharsets.UTF_8)), new PrintStream(out)))
                .isEqualTo(2);
        assertThat(out.size()).isZero();
    }
}
