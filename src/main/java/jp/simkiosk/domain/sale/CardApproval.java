package jp.simkiosk.domain.sale;

import java.util.Objects;

/**
 * All the kiosk ever keeps about a payment card: brand, masked number and the approval code. The
 * constructor refuses a "masked" number that shows more than the last four digits. A QR wallet payment is
 * kept the same way: the wallet's name as the brand, no number (empty), the provider's payment reference as
 * the approval code.
 */
public record CardApproval(String brand, String maskedNumber, String approvalCode) {

    public CardApproval {
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(maskedNumber, "maskedNumber");
        Objects.requireNonNull(approvalCode, "approvalCode");
        long digits = maskedNumber.chars().filter(Character::isDigit).count();
        if (digits > 4) throw new IllegalArgumentException("masked number shows more than four digits");
        if (!approvalCode.matches("[A-Za-z0-9]{1,12}")) throw new IllegalArgumentException("bad approval code");
    }
}
