package jp.simkiosk.domain.line;

/** The Luhn (mod 10) check used by ICCIDs and card numbers. */
public final class Luhn {

    private Luhn() {}

    /** True when the digit string (check digit last) passes the Luhn check. */
    public static boolean isValid(CharSequence digits) {
        if (digits.length() < 2) return false;
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') return false;
            int d = c - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** The check digit to append to {@code payload}. */
    public static int checkDigit(CharSequence payload) {
        for (int d = 0; d <= 9; d++) {
            if (isValid(payload.toString() + d)) return d;
        }
        throw new IllegalArgumentException("not digits: " + payload);
    }
}
