package jp.simkiosk.domain.plan;

/** Where a renewal's validity starts. */
public enum RenewalRule {
    /** Added on top of the current expiry while the line is still valid; from now once it has lapsed. */
    STACK,
    /** Always starts now; any remaining validity is replaced. */
    START_NOW
}
