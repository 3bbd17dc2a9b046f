package jp.simkiosk.adapter.receipt.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Line breaking, measured in code points (every character one unit wide). */
class LineBreakerTest {

    private static final LineBreaker.Measure ONE_PER_CHAR = t -> t.codePointCount(0, t.length());

    @Test
    void textThatFitsStaysOnOneLine() throws IOException {
        assertThat(LineBreaker.lines("  Visitor data  ", 20, ONE_PER_CHAR)).containsExactly("Visitor data");
    }

    @Test
    void latinTextBreaksAtSpaces() throws IOException {
        assertThat(LineBreaker.lines("Visitor data 10 GB for 7 days", 14, ONE_PER_CHAR))
                .containsExactly("Visitor data", "10 GB for 7", "days");
    }

    @Test
    void japaneseTextBreaksBetweenCharacters() throws IOException {
        assertThat(LineBreaker.lines("訪日外国人旅行者向けデータ", 5, ONE_PER_CHAR))
                .containsExactly("訪日外国人", "旅行者向け", "データ");
    }

    @Test
    void closingPunctuationAndSmallKanaNeverStartALine() throws IOException {
        assertThat(LineBreaker.lines("ありがとうございました。", 11, ONE_PER_CHAR))
                .containsExactly("ありがとうございまし", "た。");
        assertThat(LineBreaker.lines("チャージ追加", 3, ONE_PER_CHAR)).containsExactly("チャー", "ジ追加");
    }

    @Test
    void aWordWiderThanTheLineIsCut() throws IOException {
        assertThat(LineBreaker.lines("https://support.example/x", 10, ONE_PER_CHAR))
                .containsExactly("https://su", "pport.exam", "ple/x");
    }

    @Test
    void koreanBreaksAtSpacesOnly() throws IOException {
        assertThat(LineBreaker.lines("이용해 주셔서 감사합니다", 8, ONE_PER_CHAR))
                .containsExactly("이용해 주셔서", "감사합니다");
    }

    @Test
    void surrogatePairsAreNeverSplit() throws IOException {
        assertThat(LineBreaker.lines("\uD840\uDC0B\uD840\uDC0B\uD840\uDC0B", 2, ONE_PER_CHAR))
                .containsExactly("\uD840\uDC0B\uD840\uDC0B", "\uD840\uDC0B");
    }
}
