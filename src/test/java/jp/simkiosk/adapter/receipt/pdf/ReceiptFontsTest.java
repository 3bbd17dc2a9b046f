package jp.simkiosk.adapter.receipt.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.simkiosk.adapter.receipt.pdf.ReceiptFonts.Face;
import jp.simkiosk.adapter.receipt.pdf.ReceiptFonts.Run;
import jp.simkiosk.domain.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped fonts as parsed from the class path, and the split of text into runs by font. */
class ReceiptFontsTest {

    private static ReceiptFonts fonts;

    @BeforeAll
    static void load() {
        fonts = ReceiptFonts.loadFromClasspath();
    }

    @AfterAll
    static void close() {
        fonts.close();
    }

    @Test
    void everyShippedFontIsOnTheClassPathAndParsed() throws Exception {
        assertThat(fonts.font(Face.IPAEX_GOTHIC).getName()).isEqualTo("IPAexGothic");
        assertThat(fonts.font(Face.WQY_MICRO_HEI).getName()).isEqualTo("WenQuanYiMicroHei");
        assertThat(fonts.font(Face.DEJAVU_SANS).getName()).isEqualTo("DejaVuSans");
        assertThat(fonts.font(Face.DEJAVU_SANS_BOLD).getName()).isEqualTo("DejaVuSans-Bold");
    }

    @Test
    void primaryFontPerLanguage() {
        assertThat(fonts.primary(Language.JA)).isEqualTo(Face.IPAEX_GOTHIC);
        assertThat(fonts.primary(Language.ZH_HANS)).isEqualTo(Face.WQY_MICRO_HEI);
        assertThat(fonts.primary(Language.ZH_HANT)).isEqualTo(Face.WQY_MICRO_HEI);
        assertThat(fonts.primary(Language.KO)).isEqualTo(Face.WQY_MICRO_HEI);
        assertThat(fonts.primary(Language.EN)).isEqualTo(Face.DEJAVU_SANS);
        for (Language language : Language.values()) {
            assertThat(fonts.chain(language)).as(language.tag())
                    .containsExactlyInAnyOrder(Face.IPAEX_GOTHIC, Face.WQY_MICRO_HEI, Face.DEJAVU_SANS);
        }
    }

    @Test
    void coverageTheChainsRelyOn() {
        assertThat(fonts.hasGlyph(Face.IPAEX_GOTHIC, '領')).isTrue();
        assertThat(fonts.hasGlyph(Face.IPAEX_GOTHIC, '¥')).isTrue();
        assertThat(fonts.hasGlyph(Face.IPAEX_GOTHIC, '영')).isFalse();
        assertThat(fonts.hasGlyph(Face.WQY_MICRO_HEI, '영')).isTrue();
        assertThat(fonts.hasGlyph(Face.WQY_MICRO_HEI, '据')).isTrue();
        assertThat(fonts.hasGlyph(Face.WQY_MICRO_HEI, '₩')).isFalse();
        assertThat(fonts.hasGlyph(Face.DEJAVU_SANS, '₩')).isTrue();
        assertThat(fonts.hasGlyph(Face.DEJAVU_SANS, '領')).isFalse();
    }

    @Test
    void japaneseTextStaysInTheJapaneseFontAndHangulFallsBackToWenQuanYi() {
        assertThat(fonts.runs("領収書 ¥1,430", fonts.chain(Language.JA)))
                .containsExactly(new Run(Face.IPAEX_GOTHIC, "領収書 ¥1,430"));
        assertThat(fonts.runs("日本語 한국어", fonts.chain(Language.JA))).containsExactly(
                new Run(Face.IPAEX_GOTHIC, "日本語 "), new Run(Face.WQY_MICRO_HEI, "한국어"));
    }

    @Test
    void englishTextFallsBackToTheJapaneseFontForKanji() {
        assertThat(fonts.runs("Receipt (適格簡易請求書)", fonts.chain(Language.EN))).containsExactly(
                new Run(Face.DEJAVU_SANS, "Receipt ("),
                new Run(Face.IPAEX_GOTHIC, "適格簡易請求書"),
                new Run(Face.DEJAVU_SANS, ")"));
    }

    @Test
    void koreanWonSignComesFromDejaVu() {
        assertThat(fonts.runs("합계 ₩", fonts.chain(Language.KO))).containsExactly(
                new Run(Face.WQY_MICRO_HEI, "합계 "), new Run(Face.DEJAVU_SANS, "₩"));
    }

    @Test
    void boldTextUsesDejaVuBoldWhereTheChainHasDejaVu() {
        assertThat(fonts.boldChain(Language.EN)).startsWith(Face.DEJAVU_SANS_BOLD, Face.DEJAVU_SANS);
        assertThat(fonts.boldChain(Language.JA))
                .containsExactly(Face.IPAEX_GOTHIC, Face.WQY_MICRO_HEI, Face.DEJAVU_SANS_BOLD, Face.DEJAVU_SANS);
        assertThat(fonts.runs("Total ¥1,430", fonts.boldChain(Language.EN)))
                .containsExactly(new Run(Face.DEJAVU_SANS_BOLD, "Total ¥1,430"));
    }

    @Test
    void aCodePointNoFontHasBecomesAQuestionMark() {
        List<Run> runs = fonts.runs("A\uD83D\uDCF6B", fonts.chain(Language.EN));
        assertThat(runs).containsExactly(new Run(Face.DEJAVU_SANS, "A?B"));
    }
}
