package jp.simkiosk.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.common.BitMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QrMatricesTest {

    /** An activation code whose symbol, as ZXing's encoder chooses it, ZXing's detector does not find. */
    private static final String UNREADABLE_AS_ENCODED = "LPA:1$rsp.demo.sim-kiosk.example$TFP7-MCMS-AYZU-G636-QXQE";

    @Test
    void aTextWhoseDefaultSymbolDoesNotReadGetsAnotherMaskThatDoes() {
        BitMatrix asEncoded = QrMatrices.encode(UNREADABLE_AS_ENCODED, null);
        assertThat(QrMatrices.decode(asEncoded, 8)).as("ZXing's own choice, drawn perfectly").isNull();

        BitMatrix readable = QrMatrices.readable(UNREADABLE_AS_ENCODED);

        assertThat(readable.getWidth()).as("same version").isEqualTo(asEncoded.getWidth());
        assertThat(readable).isNotEqualTo(asEncoded);
        for (int pixels : new int[] {3, 4, 6, 8, 12}) {
            assertThat(QrMatrices.decode(readable, pixels)).as("%d pixels a module", pixels).isEqualTo(UNREADABLE_AS_ENCODED);
        }
    }

    @Test
    void aTextThatReadsAsEncodedKeepsTheEncodersChoice() {
        String text = "LPA:1$rsp.demo.sim-kiosk.example$ABCD-EFGH-JKLM-NPQR-STUV";
        BitMatrix asEncoded = QrMatrices.encode(text, null);
        assertThat(QrMatrices.decode(asEncoded, 8)).isEqualTo(text);

        assertThat(QrMatrices.readable(text)).isEqualTo(asEncoded);
    }

    @Test
    void everyOneOfAThousandRandomActivationCodesAndWalletPayloadsReadsBack() {
        Random random = new Random(20261203);
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        List<String> unreadable = new ArrayList<>();
        int unreadableAsEncoded = 0;
        for (int i = 0; i < 1000; i++) {
            StringBuilder id = new StringBuilder();
            for (int k = 0; k < 20; k++) {
                if (k > 0 && k % 4 == 0) id.append('-');
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = i % 2 == 0
                    ? "LPA:1$rsp.demo.sim-kiosk.example$" + id
                    : "https://qr.example/pay/" + id + "?amount=" + (100 + random.nextInt(20_000));
            if (QrMatrices.decode(QrMatrices.encode(text, null), 8) == null) unreadableAsEncoded++;
            if (!QrMatrices.readsBack(QrMatrices.readable(text), text)) unreadable.add(text);
        }
        assertThat(unreadableAsEncoded).as("the problem this class exists for").isPositive();
        assertThat(unreadable).isEmpty();
    }

    @Test
    void aTextTooLongForAQrCodeIsRefusedWithItsLength() {
        assertThatThrownBy(() -> QrMatrices.readable("x".repeat(8000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8000 characters");
    }
}
