package jp.simkiosk.domain.esim;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An eSIM activation code (GSMA SGP.22 §4.1): the SM-DP+ server's address, the matching ID of the profile waiting
 * there, optionally the SM-DP+ server's OID, and whether the phone must ask for a confirmation code before it
 * downloads the profile. Whoever holds it can install the line, so it is a secret: {@link #toString()} shows only
 * its {@link #masked()} form, and it is never logged or kept after the buyer has it.
 *
 * <p>In a QR code it is written {@code LPA:1$<SM-DP+ address>$<matching ID>[$<OID>[$1]]} ({@link #qrText()}): an
 * absent OID followed by the flag is an empty field ({@code …$ID$$1}). The <em>confirmation code</em> itself is
 * never part of the QR text: when the back office issues a profile that needs one, it travels here beside the
 * code ({@link #confirmationCode()}) and is given to the buyer separately (on screen and on the receipt, as
 * text), and {@code $1} in the QR text says that the phone will ask for it.
 */
public record ActivationCode(String smdpAddress, String matchingId, Optional<String> smdpOid,
                             Optional<String> confirmationCode) {

    /** A host name: labels of letters, digits and hyphens, separated by dots. */
    private static final Pattern SMDP = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    /** SGP.22: letters, digits and '-'. */
    private static final Pattern MATCHING_ID = Pattern.compile("[A-Za-z0-9-]{4,255}");
    /** An object identifier in dot notation, e.g. 2.999.10. */
    private static final Pattern OID = Pattern.compile("[0-9]+(?:\\.[0-9]+)+");
    /** What a phone asks the buyer to type: digits or letters, short enough to type on a phone. */
    private static final Pattern CONFIRMATION_CODE = Pattern.compile("[A-Za-z0-9]{4,32}");
    /** {@code LPA:1$address$matchingId} then optionally {@code $oid} (may be empty) and {@code $1}. */
    private static final Pattern QR_TEXT = Pattern.compile("LPA:1\\$([^$]+)\\$([^$]+)(?:\\$([^$]*)(?:\\$(1))?)?");

    public ActivationCode {
        Objects.requireNonNull(smdpAddress, "smdpAddress");
        Objects.requireNonNull(matchingId, "matchingId");
        Objects.requireNonNull(smdpOid, "smdpOid");
        Objects.requireNonNull(confirmationCode, "confirmationCode");
        if (!SMDP.matcher(smdpAddress).matches()) throw new IllegalArgumentException("not an SM-DP+ address");
        // the values themselves are not repeated: they are the secret
        if (!MATCHING_ID.matcher(matchingId).matches()) throw new IllegalArgumentException("not a matching ID");
        if (smdpOid.isPresent() && !OID.matcher(smdpOid.get()).matches()) {
            throw new IllegalArgumentException("not an SM-DP+ OID");
        }
        if (confirmationCode.isPresent() && !CONFIRMATION_CODE.matcher(confirmationCode.get()).matches()) {
            throw new IllegalArgumentException("not a confirmation code");
        }
    }

    /** A code with neither OID nor confirmation code: {@code LPA:1$address$matchingId}. */
    public ActivationCode(String smdpAddress, String matchingId) {
        this(smdpAddress, matchingId, Optional.empty(), Optional.empty());
    }

    /**
     * Reads the text of an activation QR code. A QR code that says a confirmation code is required ({@code $1})
     * must come with that code, which is never in the QR code; one that does not must come without.
     *
     * @param confirmationCode the confirmation code given to the buyer beside the QR code, if any
     */
    public static ActivationCode parseQrText(String text, Optional<String> confirmationCode) {
        Matcher m = QR_TEXT.matcher(Objects.requireNonNull(text));
        if (!m.matches()) throw new IllegalArgumentException("not an eSIM activation code");
        boolean required = m.group(4) != null;
        if (required != confirmationCode.isPresent()) {
            throw new IllegalArgumentException(required
                    ? "the activation code needs a confirmation code" : "the activation code needs no confirmation code");
        }
        Optional<String> oid = Optional.ofNullable(m.group(3)).filter(s -> !s.isEmpty());
        return new ActivationCode(m.group(1), m.group(2), oid, confirmationCode);
    }

    /** Reads the text of an activation QR code that needs no confirmation code. */
    public static ActivationCode parseQrText(String text) {
        return parseQrText(text, Optional.empty());
    }

    /** Whether the phone asks the buyer for a confirmation code before it downloads the profile. */
    public boolean confirmationCodeRequired() {
        return confirmationCode.isPresent();
    }

    /** What the QR code holds: {@code LPA:1$smdp.example.com$ABCD-1234}, with {@code $OID} and {@code $1} when set. */
    public String qrText() {
        return "LPA:" + text(matchingId);
    }

    /** The matching ID with all but its last four characters hidden: {@code ****5678}. */
    public String maskedMatchingId() {
        return "****" + matchingId.substring(matchingId.length() - 4);
    }

    /**
     * A form for the journal and logs: the activation code's text with the matching ID masked
     * ({@code 1$smdp.example.com$****5678}, and {@code $1} when a confirmation code is required, which is not shown).
     */
    public String masked() {
        return text(maskedMatchingId());
    }

    private String text(String id) {
        StringBuilder sb = new StringBuilder("1$").append(smdpAddress).append('$').append(id);
        if (smdpOid.isPresent() || confirmationCodeRequired()) sb.append('$').append(smdpOid.orElse(""));
        if (confirmationCodeRequired()) sb.append("$1");
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ActivationCode[" + masked() + "]";
    }
}
