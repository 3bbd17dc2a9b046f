package jp.simkiosk.domain.sale;

import java.util.Objects;
import java.util.UUID;

/** A sale's identity; it travels with every device call and upstream request that concerns the sale. */
public record SaleId(String value) {

    public SaleId {
        Objects.requireNonNull(value);
        if (!value.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("not a sale id: " + value);
        }
    }

    public static SaleId random() {
        return new SaleId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
