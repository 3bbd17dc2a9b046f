package jp.simkiosk.adapter.export;

import java.util.List;

/**
 * A tiny RFC 4180 CSV writer: records end with CRLF; a field holding a comma, a double quote, CR or LF is
 * enclosed in double quotes with its double quotes doubled; other fields are written as they are. Text is
 * whatever Java holds (the caller writes it as UTF-8).
 */
public final class Csv {

    private Csv() {}

    /** One record: the fields joined by commas, quoted where needed, and CRLF. */
    public static String record(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) b.append(',');
            b.append(field(fields.get(i)));
        }
        return b.append("\r\n").toString();
    }

    /** One field, quoted when it must be. */
    public static String field(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
