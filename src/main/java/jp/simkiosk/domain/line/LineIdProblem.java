package jp.simkiosk.domain.line;

/** Why what the customer typed is not a line id. The UI turns each into a localized message. */
public enum LineIdProblem {
    EMPTY,
    NOT_DIGITS,
    UNKNOWN_PREFIX,
    MOBILE_NOT_MOBILE_PREFIX,
    MOBILE_TOO_SHORT,
    MOBILE_TOO_LONG,
    ICCID_TOO_SHORT,
    ICCID_TOO_LONG,
    ICCID_CHECK_DIGIT_MISSING,
    ICCID_BAD_CHECK_DIGIT
}
