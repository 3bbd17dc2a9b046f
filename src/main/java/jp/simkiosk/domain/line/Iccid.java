package jp.simkiosk.domain.line;

/** A SIM card's ICCID (ITU-T E.118): "89", 19 or 20 digits, the last one a Luhn check digit. */
public record Iccid(String value) implements LineId {

    public Iccid {
        if (!value.matches("89\\d{17,18}") || !Luhn.isValid(value)) {
            throw new IllegalArgumentException("not a valid ICCID: " + value);
        }
    }

    @Override
    public String display() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i += 4) {
            if (i > 0) sb.append(' ');
            sb.append(value, i, Math.min(value.length(), i + 4));
        }
        return sb.toString();
    }

    @Override
    public String masked() {
        return value.substring(0, 6) + "…" + value.substring(value.length() - 4);
    }
}
