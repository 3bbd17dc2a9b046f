package jp.simkiosk.domain.esim;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An eSIM activation code (GSMA SGP.22): the SM-DP+ server's address and the matching ID of the profile
 * waiting there. Whoever holds it can install the line, so it is a secret: {@link #toString()} shows only
 * its {@link #masked()} form, and it is never logged or kept after the buyer has it.
 *
 * <p>In a QR code it is written {@code LPA:1$<SM-DP+ address>$<matching ID>} ({@link #qrText()}); a
 * confirmation code is never part of it.
 */
public record ActivationCode(String smdpAddress, String matchingId) {

    /** A host name: labels of letters, digits and hyphens, separated by dots. */
    private static final Pattern SMDP = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    /** SGP.22: letters, digits and '-'. */
    private static final Pattern MATCHING_ID = Pattern.compile("[A-Za-z0-9-]{4,255}");
    private static final Pattern QR_TEXT = Pattern.compile("LPA:1\\$([^$]+)\\$([^$]+)");

    public ActivationCode {
        Objects.requireNonNull(smdpAddress, "smdpAddress");
        Objects.requireNonNull(matchingId, "matchingId");
        if (!SMDP.matcher(smdpAddress).matches()) throw new IllegalArgumentException("not an SM-DP+ address");
        // the value itself is not repeated: it is the secret
        if (!MATCHING_ID.matcher(matchingId).matches()) throw new IllegalArgumentException("not a matching ID");
    }

    /** Reads the text of an activation QR code, {@code LPA:1$<SM-DP+ address>$<matching ID>}. */
    public static ActivationCode parseQrText(String text) {
        Matcher m = QR_TEXT.matcher(Objects.requireNonNull(text));
        if (!m.matches()) throw new IllegalArgumentException("not an eSIM activation code");
        return new ActivationCode(m.group(1), m.group(2));
    }

    /** What the QR code holds: {@code LPA:1$smdp.example.com$ABCD-1234}. */
    public String qrText() {
        return "LPA:1$" + smdpAddress + "$" + matchingId;
    }

    /** The matching ID with all but its last four characters hidden: {@code ****5678}. */
    public String maskedMatchingId() {
        return "****" + matchingId.substring(matchingId.length() - 4);
    }

    /** A form for the journal and logs: the SM-DP+ address and the masked matching ID. */
    public String masked() {
        return "1$" + smdpAddress + "$" + maskedMatchingId();
    }

    @Override
    public String toString() {
        return "ActivationCode[" + masked() + "]";
    }
}
