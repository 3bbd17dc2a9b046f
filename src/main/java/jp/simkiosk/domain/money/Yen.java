package jp.simkiosk.domain.money;

/**
 * An amount of Japanese yen. Yen has no minor unit, so the amount is a whole number of yen held
 * in a {@code long}; there is deliberately no way to build one from a floating-point number.
 */
public record Yen(long amount) implements Comparable<Yen> {

    public static final Yen ZERO = new Yen(0);

    public static Yen of(long amount) {
        return new Yen(amount);
    }

    public Yen plus(Yen other) {
        return new Yen(Math.addExact(amount, other.amount));
    }

    public Yen minus(Yen other) {
        return new Yen(Math.subtractExact(amount, other.amount));
    }

    public Yen times(long factor) {
        return new Yen(Math.multiplyExact(amount, factor));
    }

    public boolean isNegative() {
        return amount < 0;
    }

    @Override
    public int compareTo(Yen o) {
        return Long.compare(amount, o.amount);
    }

    /** "¥1,430": the form used on screen and on receipts in every language. */
    public String format() {
        String digits = String.format(java.util.Locale.ROOT, "%,d", Math.abs(amount));
        return (amount < 0 ? "-¥" : "¥") + digits;
    }

    @Override
    public String toString() {
        return format();
    }
}
