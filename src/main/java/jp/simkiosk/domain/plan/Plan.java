package jp.simkiosk.domain.plan;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import jp.simkiosk.domain.LocalizedText;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.tax.TaxRate;

/**
 * A plan the kiosk may offer.
 *
 * @param voiceMinutes empty for data-only plans
 * @param sms          empty when the plan has no SMS; otherwise the number of messages (0 = unlimited)
 * @param requiresIdCheck such plans are shown but not sold at an unstaffed kiosk
 * @param sellableOffline may be sold (journaled "to be applied") when upstream cannot be reached
 */
public record Plan(
        String id,
        PlanKind kind,
        DataAllowance data,
        int validityDays,
        OptionalInt voiceMinutes,
        OptionalInt sms,
        Yen price,
        TaxRate taxRate,
        RenewalRule renewalRule,
        boolean requiresIdCheck,
        boolean sellableOffline,
        LocalizedText name,
        LocalizedText description) {

    public Plan {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) throw new IllegalArgumentException("bad plan id: " + id);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
        if (validityDays < 1 || validityDays > 3660) throw new IllegalArgumentException("validity days out of range: " + validityDays);
        Objects.requireNonNull(voiceMinutes, "voiceMinutes");
        Objects.requireNonNull(sms, "sms");
        Objects.requireNonNull(price, "price");
        if (price.amount() <= 0) throw new IllegalArgumentException("price must be positive: " + price);
        Objects.requireNonNull(taxRate, "taxRate");
        Objects.requireNonNull(renewalRule, "renewalRule");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }

    public boolean hasVoice() {
        return voiceMinutes.isPresent();
    }

    public Optional<String> voiceText() {
        return voiceMinutes.isPresent() ? Optional.of(Integer.toString(voiceMinutes.getAsInt())) : Optional.empty();
    }
}
