package jp.simkiosk.domain.tax;

/** Japanese consumption tax rates. Telecom services are always at the standard rate. */
public enum TaxRate {
    STANDARD_10(10),
    REDUCED_8(8);

    private final int percent;

    TaxRate(int percent) {
        this.percent = percent;
    }

    public int percent() {
        return percent;
    }
}
