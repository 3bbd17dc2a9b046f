package jp.simkiosk.domain.receipt;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.esim.ActivationCode;
import jp.simkiosk.domain.line.ApnSettings;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.tax.TaxRate;
import jp.simkiosk.domain.tax.TaxSummary;

/**
 * What a receipt says, independent of how it is drawn: the fields of a qualified simplified invoice
 * (issuer and registration number, date, items, total and tax per rate) plus the sale's own details and,
 * for a new line, what the buyer needs to start using it.
 */
public record Receipt(
        Language language,
        Issuer issuer,
        String kioskId,
        String reference,
        Instant issuedAt,
        ZoneId zone,
        List<Item> items,
        TaxSummary tax,
        Optional<CardApproval> payment,
        Optional<String> lineDisplay,
        Optional<Instant> newExpiry,
        String supportContact,
        Optional<NewLine> newLine) {

    /**
     * What the buyer of a new line needs besides the invoice: for a SIM card, its ICCID and the APN settings;
     * for an eSIM, its activation code (printed as a QR code and in words) and, when upstream told it, the
     * profile's ICCID, which identifies the line for later top-ups.
     */
    public sealed interface NewLine {
        record Sim(Iccid iccid, ApnSettings apn) implements NewLine {
            public Sim {
                Objects.requireNonNull(iccid);
                Objects.requireNonNull(apn);
            }
        }

        record Esim(ActivationCode code, Optional<Iccid> iccid) implements NewLine {
            public Esim {
                Objects.requireNonNull(code);
                Objects.requireNonNull(iccid);
            }
        }
    }

    /** The seller as printed on the receipt. */
    public record Issuer(String name, RegistrationNumber registrationNumber, String location) {
        public Issuer {
            Objects.requireNonNull(name);
            Objects.requireNonNull(registrationNumber);
            Objects.requireNonNull(location);
        }
    }

    /** One line of the receipt: what was sold, its price tax included, and the rate. */
    public record Item(String description, Yen priceIncludingTax, TaxRate rate) {}

    public Receipt {
        Objects.requireNonNull(language);
        Objects.requireNonNull(issuer);
        Objects.requireNonNull(kioskId);
        Objects.requireNonNull(reference);
        Objects.requireNonNull(issuedAt);
        Objects.requireNonNull(zone);
        items = List.copyOf(items);
        if (items.isEmpty()) throw new IllegalArgumentException("a receipt needs at least one item");
        Objects.requireNonNull(tax);
        Objects.requireNonNull(payment);
        Objects.requireNonNull(lineDisplay);
        Objects.requireNonNull(newExpiry);
        Objects.requireNonNull(supportContact);
        Objects.requireNonNull(newLine);
    }

    public Yen total() {
        return tax.total();
    }
}
