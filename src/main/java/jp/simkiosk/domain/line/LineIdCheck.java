package jp.simkiosk.domain.line;

/** The state of a line id while it is being typed. */
public sealed interface LineIdCheck {

    enum Kind { MOBILE_NUMBER, ICCID, UNDECIDED }

    /** Nothing wrong yet, but not complete. */
    record Incomplete(Kind kind, int digitsTyped) implements LineIdCheck {}

    record Invalid(Kind kind, LineIdProblem problem) implements LineIdCheck {}

    record Valid(LineId lineId) implements LineIdCheck {}
}
