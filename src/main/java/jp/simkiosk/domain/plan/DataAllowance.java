package jp.simkiosk.domain.plan;

/** How much data a plan gives: a number of megabytes, or unlimited. */
public record DataAllowance(long megabytes, boolean unlimited) {

    public DataAllowance {
        if (!unlimited && megabytes <= 0) throw new IllegalArgumentException("data must be positive");
        if (unlimited && megabytes != 0) throw new IllegalArgumentException("unlimited data has no amount");
    }

    public static DataAllowance gigabytes(long gb) {
        return new DataAllowance(Math.multiplyExact(gb, 1000L), false);
    }

    public static DataAllowance megabytes(long mb) {
        return new DataAllowance(mb, false);
    }

    public static DataAllowance unlimitedData() {
        return new DataAllowance(0, true);
    }

    /** "3 GB", "500 MB"; "∞" for unlimited (the screen says "unlimited" in the customer's language). */
    public String amountText() {
        if (unlimited) return "∞";
        if (megabytes % 1000 == 0) return (megabytes / 1000) + " GB";
        if (megabytes > 1000) return String.format(java.util.Locale.ROOT, "%.1f GB", megabytes / 1000.0);
        return megabytes + " MB";
    }
}
