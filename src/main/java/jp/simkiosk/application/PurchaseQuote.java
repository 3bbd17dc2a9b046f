package jp.simkiosk.application;

import java.time.Instant;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.tax.TaxSummary;

/**
 * What the confirm screen of a new SIM or eSIM shows before the customer pays.
 *
 * @param validUntil when the plan would end if the line were activated now (upstream confirms it)
 */
public record PurchaseQuote(Plan plan, Instant validUntil, TaxSummary tax) {}
