package jp.simkiosk.adapter.persistence.sqlite;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.simkiosk.domain.line.Luhn;

/**
 * Spots text that looks like a payment card number: a run of 13 to 19 digits (single spaces or dashes
 * between digits allowed) that passes the Luhn check. The journal refuses a step detail that holds one.
 */
final class CardNumbers {

    /** A maximal run of digits, possibly grouped by single spaces or dashes. */
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<!\\d)\\d(?:[ -]?\\d)*(?!\\d)");

    private CardNumbers() {}

    static boolean containsCardNumber(String text) {
        Matcher m = DIGIT_RUN.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && Luhn.isValid(digits)) return true;
        }
        return false;
    }
}
