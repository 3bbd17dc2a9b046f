package jp.simkiosk.domain.sale;

import java.util.Optional;

/**
 * How a customer may pay at the kiosk. Credit cards and transport IC cards go through the card reader; a QR
 * wallet pays a dynamic QR code the kiosk shows. The tag is what configuration files and the journal use.
 */
public enum PaymentMethod {
    /** Visa, Mastercard, JCB, American Express, UnionPay: contactless or chip, on the card reader. */
    CARD("card"),
    /** Suica, PASMO and the compatible transport IC cards, touched on the card reader. */
    TRANSPORT_IC("transport-ic"),
    /** PayPay, Alipay+ wallets, WeChat Pay: the customer's app scans the QR code on the screen. */
    QR_WALLET("qr-wallet");

    private final String tag;

    PaymentMethod(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** Whether the money goes through the card reader (authorize, then complete or void). */
    public boolean usesCardReader() {
        return this != QR_WALLET;
    }

    public static Optional<PaymentMethod> fromTag(String tag) {
        for (PaymentMethod m : values()) {
            if (m.tag.equals(tag)) return Optional.of(m);
        }
        return Optional.empty();
    }
}
