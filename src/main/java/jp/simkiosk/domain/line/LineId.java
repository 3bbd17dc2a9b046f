package jp.simkiosk.domain.line;

/** What identifies a customer's line: a Japanese mobile number or the SIM's ICCID. */
public sealed interface LineId permits MobileNumber, Iccid {

    /** The normalized form: digits only ("09012345678", "8981…"). Used in the journal and upstream. */
    String value();

    /** The form shown to people ("090-1234-5678", ICCID in groups of four). */
    String display();

    /** A form for logs and receipts that hides most digits. */
    String masked();

    /** Parses a normalized value as stored in the journal. */
    static LineId parseNormalized(String value) {
        LineIdCheck check = LineIds.check(value);
        if (check instanceof LineIdCheck.Valid v) return v.lineId();
        throw new IllegalArgumentException("not a valid line id: " + value + " (" + check + ")");
    }
}
