package jp.simkiosk.domain.line;

import jp.simkiosk.domain.line.LineIdCheck.Incomplete;
import jp.simkiosk.domain.line.LineIdCheck.Invalid;
import jp.simkiosk.domain.line.LineIdCheck.Kind;
import jp.simkiosk.domain.line.LineIdCheck.Valid;

/**
 * Reads what a customer typed as a mobile number or an ICCID, deciding which by its first digits
 * ("0…" or "+81…" a number, "89…" an ICCID). Hyphens and spaces are ignored. Meant to be called on every
 * key press: it says whether the input is still incomplete, already wrong (and why), or valid.
 */
public final class LineIds {

    private LineIds() {}

    public static LineIdCheck check(String raw) {
        String s = raw == null ? "" : raw.strip().replaceAll("[\\s\\-\u2010-\u2015\u30FC\uFF0D]", "");
        boolean international = false;
        if (s.startsWith("+")) {
            if (!s.startsWith("+81")) {
                return s.length() < 3 && "+81".startsWith(s)
                        ? new Incomplete(Kind.MOBILE_NUMBER, 0)
                        : new Invalid(Kind.MOBILE_NUMBER, LineIdProblem.MOBILE_NOT_MOBILE_PREFIX);
            }
            s = "0" + s.substring(3);
            international = true;
        }
        if (!s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new Invalid(Kind.UNDECIDED, LineIdProblem.NOT_DIGITS);
        }
        if (s.isEmpty() || (international && s.length() == 1)) return new Incomplete(international ? Kind.MOBILE_NUMBER : Kind.UNDECIDED, 0);
        if (s.charAt(0) == '0') return checkMobile(s);
        if (s.charAt(0) == '8') return checkIccid(s);
        return new Invalid(Kind.UNDECIDED, LineIdProblem.UNKNOWN_PREFIX);
    }

    private static LineIdCheck checkMobile(String s) {
        // 0 [789] 0 [1-9] dddddddd
        for (int i = 0; i < Math.min(s.length(), 4); i++) {
            char c = s.charAt(i);
            boolean ok = switch (i) {
                case 0 -> c == '0';
                case 1 -> c == '7' || c == '8' || c == '9';
                case 2 -> c == '0';
                default -> c != '0';
            };
            if (!ok) return new Invalid(Kind.MOBILE_NUMBER, LineIdProblem.MOBILE_NOT_MOBILE_PREFIX);
        }
        if (s.length() > 11) return new Invalid(Kind.MOBILE_NUMBER, LineIdProblem.MOBILE_TOO_LONG);
        if (s.length() < 11) return new Incomplete(Kind.MOBILE_NUMBER, s.length());
        return new Valid(new MobileNumber(s));
    }

    private static LineIdCheck checkIccid(String s) {
        if (s.length() >= 2 && s.charAt(1) != '9') {
            return new Invalid(Kind.ICCID, LineIdProblem.UNKNOWN_PREFIX);
        }
        if (s.length() > 20) return new Invalid(Kind.ICCID, LineIdProblem.ICCID_TOO_LONG);
        if (s.length() < 19) return new Incomplete(Kind.ICCID, s.length());
        if (Luhn.isValid(s)) return new Valid(new Iccid(s));
        // 19 digits failing the check may still be a 20-digit ICCID being typed.
        return s.length() == 19
                ? new Incomplete(Kind.ICCID, s.length())
                : new Invalid(Kind.ICCID, LineIdProblem.ICCID_BAD_CHECK_DIGIT);
    }

    /**
     * The check for when the customer says they are done: what is still incomplete becomes a reason
     * (too short, check digit missing, wrong check digit).
     */
    public static LineIdCheck checkFinal(String raw) {
        LineIdCheck c = check(raw);
        if (c instanceof Incomplete inc) {
            LineIdProblem p = switch (inc.kind()) {
                case MOBILE_NUMBER -> LineIdProblem.MOBILE_TOO_SHORT;
                case UNDECIDED -> LineIdProblem.EMPTY;
                case ICCID -> inc.digitsTyped() == 18 ? LineIdProblem.ICCID_CHECK_DIGIT_MISSING
                        : inc.digitsTyped() == 19 ? LineIdProblem.ICCID_BAD_CHECK_DIGIT
                        : LineIdProblem.ICCID_TOO_SHORT;
            };
            return new Invalid(inc.kind(), p);
        }
        return c;
    }
}
