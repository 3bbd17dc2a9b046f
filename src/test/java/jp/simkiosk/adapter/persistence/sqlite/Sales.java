package jp.simkiosk.adapter.persistence.sqlite;

import java.time.Instant;
import java.util.Optional;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.line.MobileNumber;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.Sale;
import jp.simkiosk.domain.sale.SaleId;
import jp.simkiosk.domain.sale.SaleKind;
import jp.simkiosk.domain.tax.TaxRate;

/** Sales, line ids and card approvals for the journal tests; all of them fixed, so files come out the same. */
final class Sales {

    static final Instant T0 = Instant.parse("2025-04-01T00:30:00.123456789Z");
    static final MobileNumber MOBILE = new MobileNumber("09012345678");
    /** A 19-digit ICCID: a Luhn-valid run of digits in the journal that is not a card number. */
    static final Iccid ICCID_19 = iccid("898110000012345678");
    static final Iccid ICCID_20 = iccid("8981100000123456789");
    static final CardApproval VISA = new CardApproval("VISA", "**** **** **** 4242", "A1B2C3");
    static final CardApproval JCB = new CardApproval("JCB", "************0006", "738261");

    private Sales() {}

    /** An ICCID made of {@code payload} and its Luhn check digit. */
    static Iccid iccid(String payload) {
        return new Iccid(payload + Luhn.checkDigit(payload));
    }

    /** A fixed sale id with the number {@code n} in its last group. */
    static SaleId id(int n) {
        return new SaleId(String.format("aaaaaaaa-bbbb-4ccc-8ddd-%06dabcdef", n));
    }

    static Sale renewal(int n, LineId line, Instant createdAt) {
        return Sale.open(id(n), "TYO01-" + String.format("%06d", n), SaleKind.RENEWAL, Optional.of(line),
                "RENEW-3GB-30D", "3GB 30日", Yen.of(1_430), TaxRate.STANDARD_10, Language.JA, createdAt,
                Optional.of(createdAt.plusSeconds(86_400)), Optional.of(createdAt.plusSeconds(31 * 86_400L)));
    }

    /** A new-SIM sale: no line, no expiries. */
    static Sale newSim(int n, Instant createdAt) {
        return Sale.open(id(n), "TYO01-" + String.format("%06d", n), SaleKind.NEW_SIM, Optional.empty(),
                "NEW-SIM-10GB", "10GB SIM", Yen.of(3_300), TaxRate.STANDARD_10, Language.EN, createdAt,
                Optional.empty(), Optional.empty());
    }
}
