package jp.simkiosk.domain.receipt;

import java.util.Objects;

/**
 * A qualified invoice issuer's registration number: "T" and 13 digits, the first of which is the check
 * digit of the corporate number: 9 − (Σ Pn·Qn mod 9) over the other 12 digits, Qn = 1 at odd and 2 at
 * even positions counted from the right.
 */
public record RegistrationNumber(String value) {

    public RegistrationNumber {
        Objects.requireNonNull(value);
        if (!value.matches("T\\d{13}")) throw new IllegalArgumentException("must be T followed by 13 digits");
        if (checkDigit(value.substring(2)) != value.charAt(1) - '0') {
            throw new IllegalArgumentException("check digit does not match");
        }
    }

    /** The check digit for the 12 digits that follow it. */
    public static int checkDigit(String twelveDigits) {
        if (!twelveDigits.matches("\\d{12}")) throw new IllegalArgumentException("need 12 digits");
        int sum = 0;
        for (int n = 1; n <= 12; n++) {
            int p = twelveDigits.charAt(12 - n) - '0';
            sum += p * (n % 2 == 1 ? 1 : 2);
        }
        return 9 - (sum % 9);
    }

    public static boolean isValid(String value) {
        try {
            new RegistrationNumber(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
