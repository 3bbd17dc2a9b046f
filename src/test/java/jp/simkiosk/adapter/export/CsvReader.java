package jp.simkiosk.adapter.export;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for the tests: reads back what {@link Csv} writes, or fails. */
final class CsvReader {

    private CsvReader() {}

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.length() == 0) {
                i++;
                while (true) {
                    if (i >= text.length()) throw new IllegalArgumentException("unclosed quote");
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
                continue;
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else if (c == '"' || c == '\r' || c == '\n') {
                throw new IllegalArgumentException("unquoted " + (int) c + " at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        if (!record.isEmpty() || field.length() > 0) throw new IllegalArgumentException("last record without CRLF");
        return records;
    }
}
