package jp.simkiosk.domain.line;

/** A Japanese mobile number, normalized to its 11 national digits (070/080/090 + 8 digits). */
public record MobileNumber(String value) implements LineId {

    public MobileNumber {
        if (!value.matches("0[789]0[1-9]\\d{7}")) {
            throw new IllegalArgumentException("not a Japanese mobile number: " + value);
        }
    }

    @Override
    public String display() {
        return value.substring(0, 3) + "-" + value.substring(3, 7) + "-" + value.substring(7);
    }

    @Override
    public String masked() {
        return value.substring(0, 3) + "-****-" + value.substring(7);
    }

    /** International form: +81 90-1234-5678. */
    public String international() {
        return "+81 " + value.substring(1, 3) + "-" + value.substring(3, 7) + "-" + value.substring(7);
    }
}
