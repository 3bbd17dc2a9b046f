package jp.simkiosk.adapter.receipt.pdf;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.LocalizedText;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.receipt.RegistrationNumber;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.tax.TaxRate;
import jp.simkiosk.domain.tax.TaxSummary;

/** Receipts as the renewal service builds them, for the renderer's tests and benchmark. */
final class SampleReceipts {

    static final String REGISTRATION = "T7123456789012";
    static final String REFERENCE = "TYO01-000042";
    /** 14:05 in Tokyo. */
    static final Instant ISSUED = Instant.parse("2026-11-25T05:05:00Z");
    /** 23:59 in Tokyo, a week later. */
    static final Instant NEW_EXPIRY = Instant.parse("2026-12-02T14:59:00Z");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    static final Receipt.Issuer ISSUER = new Receipt.Issuer("株式会社シムキオスク",
            new RegistrationNumber(REGISTRATION), "成田空港 第1ターミナル 1階 到着ロビー");

    static final LocalizedText PLAN_NAME = new LocalizedText(Map.of(
            Language.JA, "訪日データ 10GB / 7日間",
            Language.EN, "Visitor data 10 GB / 7 days",
            Language.ZH_HANS, "访日流量 10GB / 7天",
            Language.ZH_HANT, "訪日流量 10GB / 7天",
            Language.KO, "방일 데이터 10GB / 7일"));

    private SampleReceipts() {}

    /** A paid ¥1,430 renewal of a mobile line with its new expiry: every optional field present. */
    static Receipt renewal(Language language) {
        Yen price = Yen.of(1430);
        return new Receipt(language, ISSUER, "TYO01", REFERENCE, ISSUED, TOKYO,
                List.of(new Receipt.Item(PLAN_NAME.in(language), price, TaxRate.STANDARD_10)),
                TaxSummary.single(price, TaxRate.STANDARD_10),
                Optional.of(new CardApproval("VISA", "****1234", "A1B2C3")),
                Optional.of("090-1234-5678"), Optional.of(NEW_EXPIRY),
                "0120-000-000 support@simkiosk.example", Optional.empty());
    }

    /** A receipt with the given items (description, price, rate) and no payment, line or expiry. */
    static Receipt withItems(Language language, List<Receipt.Item> items, String supportContact) {
        TaxSummary tax = TaxSummary.of(items.stream()
                .map(i -> new TaxSummary.Taxable(i.priceIncludingTax(), i.rate())).toList());
        return new Receipt(language, ISSUER, "TYO01", REFERENCE, ISSUED, TOKYO, items, tax,
                Optional.empty(), Optional.empty(), Optional.empty(), supportContact, Optional.empty());
    }
}
