package jp.simkiosk.application;

import java.time.ZoneId;
import java.util.Objects;
import jp.simkiosk.domain.receipt.Receipt;

/** What the use cases need to know of the kiosk itself: who it is, who sells, where, how to get help. */
public record SaleSettings(String kioskId, ZoneId zone, Receipt.Issuer issuer, String supportContact) {
    public SaleSettings {
        Objects.requireNonNull(kioskId);
        Objects.requireNonNull(zone);
        Objects.requireNonNull(issuer);
        Objects.requireNonNull(supportContact);
    }
}
