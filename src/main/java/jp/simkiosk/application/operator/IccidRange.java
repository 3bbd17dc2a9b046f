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

    /** Why a refill's text was refused; the operator screens word each in the operator's language. */
    public enum Problem {
        /** Nothing but blanks. */
        NOTHING_GIVEN,
        /** A token that is no ICCID (subject: the token). */
        NOT_AN_ICCID,
        /** A card named twice (subject: its ICCID). */
        LISTED_TWICE,
        /** More than {@value #MAX_CARDS} cards (subject: the limit). */
        TOO_MANY,
        /** A range whose ends differ in length (subject: the range). */
        ENDS_DIFFER_IN_LENGTH,
        /** A range whose ends are not from one series (subject: the range). */
        NOT_ONE_SERIES,
        /** A range whose last card comes before its first (subject: the range). */
        RUNS_BACKWARDS,
        /** A count of SIMs that is 0 or more than {@value #MAX_CARDS} (subject: the count). */
        COUNT_OUT_OF_RANGE
    }

    /** A refill's text refused: the {@link Problem} and what it is about, with an English message for the log. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;
        private final String subject;

        Invalid(Problem problem, String subject, String message) {
            super(message);
            this.problem = problem;
            this.subject = subject;
        }

        public Problem problem() {
            return problem;
        }

        /** The token, ICCID, range or figure the problem is about ("" for none). */
        public String subject() {
            return subject;
        }
    }

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
     * @throws Invalid for a count out of range, and as {@link #parse}
     */
    public static Refill parseRefill(String text) {
        String t = text.strip();
        if (t.matches("[0-9]{1,4}")) {
            int count = Integer.parseInt(t);
            if (count < 1 || count > MAX_CARDS) {
                throw new Invalid(Problem.COUNT_OUT_OF_RANGE, Integer.toString(count),
                        "a count of SIMs must be 1 to " + MAX_CARDS + ", not " + count);
            }
            return new Refill(count, List.of());
        }
        List<Iccid> iccids = parse(text);
        return new Refill(iccids.size(), iccids);
    }

    /**
     * Reads ICCIDs and ranges, in any mix, separated by blanks, commas, semicolons or new lines.
     *
     * @throws Invalid naming the first bad ICCID, a reversed range, a card named twice, or more than
     *                  {@value #MAX_CARDS} cards
     */
    public static List<Iccid> parse(String text) {
        String t = text.strip().replaceAll("\\s*-\\s*", "-");
        if (t.isEmpty()) throw new Invalid(Problem.NOTHING_GIVEN, "", "no ICCID given");
        Set<String> seen = new LinkedHashSet<>();
        List<Iccid> out = new ArrayList<>();
        for (String token : t.split("[\\s,;]+")) {
            String[] ends = token.split("-", -1);
            List<Iccid> cards = ends.length == 2 ? range(iccid(ends[0]), iccid(ends[1])) : List.of(iccid(token));
            for (Iccid i : cards) {
                if (!seen.add(i.value())) {
                    throw new Invalid(Problem.LISTED_TWICE, i.value(), "ICCID listed twice: " + i.value());
                }
                out.add(i);
                if (out.size() > MAX_CARDS) throw tooMany();
            }
        }
        return List.copyOf(out);
    }

    private static Iccid iccid(String token) {
        try {
            return new Iccid(token);
        } catch (IllegalArgumentException e) {
            throw new Invalid(Problem.NOT_AN_ICCID, token, e.getMessage());
        }
    }

    private static Invalid tooMany() {
        return new Invalid(Problem.TOO_MANY, Integer.toString(MAX_CARDS), "more than " + MAX_CARDS + " cards");
    }

    private static List<Iccid> range(Iccid first, Iccid last) {
        String a = first.value();
        String b = last.value();
        if (a.length() != b.length()) {
            throw new Invalid(Problem.ENDS_DIFFER_IN_LENGTH, a + "-" + b, "range ends differ in length");
        }
        String body = a.substring(0, a.length() - 1);
        String lastBody = b.substring(0, b.length() - 1);
        // the varying tail: compare as numbers over the last 12 account digits, the prefix must agree
        int tail = Math.min(12, body.length());
        String prefix = body.substring(0, body.length() - tail);
        if (!prefix.equals(lastBody.substring(0, lastBody.length() - tail))) {
            throw new Invalid(Problem.NOT_ONE_SERIES, a + "-" + b, "range ends are not from one series");
        }
        long from = Long.parseLong(body.substring(body.length() - tail));
        long to = Long.parseLong(lastBody.substring(lastBody.length() - tail));
        if (to < from) throw new Invalid(Problem.RUNS_BACKWARDS, a + "-" + b, "range runs backwards");
        if (to - from + 1 > MAX_CARDS) throw tooMany();
        List<Iccid> out = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            String digits = prefix + String.format("%0" + tail + "d", n);
            out.add(new Iccid(digits + Luhn.checkDigit(digits)));
        }
        return List.copyOf(out);
    }
}
