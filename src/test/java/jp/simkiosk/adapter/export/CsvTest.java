package jp.simkiosk.adapter.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180: CRLF after each record; fields with commas, quotes or line breaks quoted, quotes doubled. */
class CsvTest {

    @Test
    void plainFieldsAreWrittenAsTheyAre() {
        assertThat(Csv.record(List.of("DEMO-01-000001", "1430", "", "VISA"))).isEqualTo("DEMO-01-000001,1430,,VISA\r\n");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("\"")).isEqualTo("\"\"\"\"");
        assertThat(Csv.field("line 1\nline 2")).isEqualTo("\"line 1\nline 2\"");
        assertThat(Csv.field("cr\r")).isEqualTo("\"cr\r\"");
        assertThat(Csv.record(List.of("x", "1,2", "\"q\"", "n\r\nl"))).isEqualTo("x,\"1,2\",\"\"\"q\"\"\",\"n\r\nl\"\r\n");
    }

    @Test
    void japaneseTextNeedsNoQuotingUnlessItHoldsAComma() {
        assertThat(Csv.record(List.of("佐藤 (demo)", "返金、済み", "10GB 7日間"))).isEqualTo("佐藤 (demo),返金、済み,10GB 7日間\r\n");
        assertThat(Csv.field("東京駅,改札")).isEqualTo("\"東京駅,改札\"");
    }

    @Test
    void whatIsWrittenParsesBackToTheSameFields() {
        List<String> fields = List.of("", "a,b", "say \"hi\"", "two\r\nlines", "日本語の\"メモ\", です", " spaced ");
        assertThat(CsvReader.parse(Csv.record(fields) + Csv.record(List.of("z")))).containsExactly(fields, List.of("z"));
    }
}
