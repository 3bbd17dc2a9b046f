package jp.simkiosk.adapter.receipt.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import jp.simkiosk.domain.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The receipt bundles: one per language, the same keys in each, no fallback between languages. */
class ReceiptLabelsTest {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyLanguageHasItsOwnBundleWithTheJapaneseKeys(Language language) {
        ResourceBundle bundle = ResourceBundle.getBundle(ReceiptLabels.BUNDLE, language.locale(), NO_FALLBACK);
        ResourceBundle japanese = ResourceBundle.getBundle(ReceiptLabels.BUNDLE, Locale.JAPANESE, NO_FALLBACK);

        assertThat(bundle.getLocale()).isEqualTo(language.locale());
        assertThat(bundle.keySet()).isEqualTo(japanese.keySet());
        assertThat(Set.copyOf(bundle.keySet())).allSatisfy(key -> assertThat(bundle.getString(key)).isNotBlank());
    }

    @Test
    void chineseBundlesAreTheRightScript() {
        assertThat(ReceiptLabels.load(Language.ZH_HANS).text("title")).isEqualTo("收据");
        assertThat(ReceiptLabels.load(Language.ZH_HANT).text("title")).isEqualTo("收據");
    }

    @Test
    void datesAreWrittenTheWayEachLanguageWritesThem() {
        Instant at = Instant.parse("2026-01-05T23:07:00Z");
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        assertThat(ReceiptLabels.load(Language.JA).dateTime(at, tokyo)).isEqualTo("2026年1月6日 08:07");
        assertThat(ReceiptLabels.load(Language.EN).dateTime(at, tokyo)).isEqualTo("6 Jan 2026 08:07");
        assertThat(ReceiptLabels.load(Language.ZH_HANT).dateTime(at, tokyo)).isEqualTo("2026年1月6日 08:07");
        assertThat(ReceiptLabels.load(Language.KO).dateTime(at, tokyo)).isEqualTo("2026년 1월 6일 08:07");
    }

    @Test
    void rateLabelsTakeThePercentage() {
        assertThat(ReceiptLabels.load(Language.JA).format("tax.rateBase", 8)).isEqualTo("8%対象");
        assertThat(ReceiptLabels.load(Language.EN).format("tax.rateBase", 10)).isEqualTo("Subject to 10% tax");
    }
}
