package jp.simkiosk.application.operator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.Luhn;

/**
 * Reads the SIMs of a refill as the operator gives them: scanned ICCIDs (separated by blanks, commas or new
 * lines) and ranges "first-last" of ICCIDs in one box, whose account digits (all but the Luhn check digit) run
 * consecutively; or, for a box loaded without scanning, just how many SIMs it held.
 */
public final class IccidRange {

    /** The most cards one refill may name. */
    public static final int MAX_CARDS = 2_000;

    private IccidRange() {}

    /**
     * A refill as the operator gave it: by its ICCIDs, or by a count alone ({@code iccids} empty).
     *
     * @param count how many SIMs were loaded
     */
    public record Refill(int count, List<Iccid> iccids) {
        public Refill {
            iccids = List.copyOf(iccids);
            if (count < 1 || count > MAX_CARDS) throw new IllegalArgumentException("a refill is 1 to " + MAX_CARDS + " SIMs");
            if (!iccids.isEmpty() && iccids.size() != count) throw new IllegalArgumentException("count and ICCIDs differ");
        }

        public boolean byCount() {
            return iccids.isEmpty();
        }
    }

    /**
     * Reads a refill: a plain count (one number of at most four digits, 1 to {@value #MAX_CARDS}), or ICCIDs and
     * ranges as {@link #parse} reads them.
     *
     * @throws IllegalArgumentException for a count out of range, and as {@link #parse}
     */
    public static Refill parseRefill(String text) {
        String t = text.strip();
        if (t.matches("[0-9]{1,4}")) {
            int count = Integer.parseInt(t);
            if (count < 1 || count > MAX_CARDS) {
                throw new IllegalArgumentException("a count of SIMs must be 1 to " + MAX_CARDS + ", not " + count);
            }
            return new Refill(count, List.of());
        }
        List<Iccid> iccids = parse(text);
        return new Refill(iccids.size(), iccids);
    }

    /**
     * Reads ICCIDs and ranges, in any mix, separated by blanks, commas, semicolons or new lines.
     *
     * @throws IllegalArgumentException naming the first bad ICCID, a reversed range, a card named twice, or
     *                                  more than {@value #MAX_CARDS} cards
     */
    public static List<Iccid> parse(String text) {
        String t = text.strip().replaceAll("\\s*-\\s*", "-");
        if (t.isEmpty()) throw new IllegalArgumentException("no ICCID given");
        Set<String> seen = new LinkedHashSet<>();
        List<Iccid> out = new ArrayList<>();
        for (String token : t.split("[\\s,;]+")) {
            String[] ends = token.split("-", -1);
            List<Iccid> cards = ends.length == 2 ? range(new Iccid(ends[0]), new Iccid(ends[1])) : List.of(new Iccid(token));
            for (Iccid i : cards) {
                if (!seen.add(i.value())) throw new IllegalArgumentException("ICCID listed twice: " + i.value());
                out.add(i);
                if (out.size() > MAX_CARDS) throw new IllegalArgumentException("more than " + MAX_CARDS + " cards");
            }
        }
        return List.copyOf(out);
    }

    private static List<Iccid> range(Iccid first, Iccid last) {
        String a = first.value();
        String b = last.value();
        if (a.length() != b.length()) throw new IllegalArgumentException("range ends differ in length");
        String body = a.substring(0, a.length() - 1);
        String lastBody = b.substring(0, b.length() - 1);
        // the varying tail: compare as numbers over the last 12 account digits, the prefix must agree
        int tail = Math.min(12, body.length());
        String prefix = body.substring(0, body.length() - tail);
        if (!prefix.equals(lastBody.substring(0, lastBody.length() - tail))) {
            throw new IllegalArgumentException("range ends are not from one series");
        }
        long from = Long.parseLong(body.substring(body.length() - tail));
        long to = Long.parseLong(lastBody.substring(lastBody.length() - tail));
        if (to < from) throw new IllegalArgumentException("range runs backwards");
        if (to - from + 1 > MAX_CARDS) throw new IllegalArgumentException("more than " + MAX_CARDS + " cards");
        List<Iccid> out = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            String digits = prefix + String.format("%0" + tail + "d", n);
            out.add(new Iccid(digits + Luhn.checkDigit(digits)));
        }
        return List.copyOf(out);
    }
}
