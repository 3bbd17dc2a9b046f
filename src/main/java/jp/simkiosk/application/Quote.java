package jp.simkiosk.application;

import java.time.Instant;
import jp.simkiosk.domain.line.LineStatus;
import jp.simkiosk.domain.plan.Plan;
import jp.simkiosk.domain.tax.TaxSummary;

/** What the confirm screen shows before the customer pays: the line, the plan, the new expiry, the total. */
public record Quote(LineStatus line, Plan plan, Instant newExpiry, TaxSummary tax) {}
