package jp.simkiosk.app.burnin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import jp.simkiosk.adapter.device.sim.SimulatedPaymentTerminal;
import jp.simkiosk.adapter.device.sim.SimulatedReceiptPrinter;
import jp.simkiosk.adapter.upstream.sim.SimulatedUpstream;
import jp.simkiosk.application.PlanOffer;
import jp.simkiosk.application.Quote;
import jp.simkiosk.application.Checkout;
import jp.simkiosk.application.RenewalService;
import jp.simkiosk.application.RenewalService.FulfilmentOutcome;
import jp.simkiosk.application.RenewalService.LineLookup;
import jp.simkiosk.application.PaymentOutcome;
import jp.simkiosk.application.ReceiptOutcome;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.port.PaymentTerminal.AuthorizationResult;
import jp.simkiosk.application.port.PaymentTerminal.DeclineReason;
import jp.simkiosk.application.port.SaleJournal;
import jp.simkiosk.application.port.Upstream.RejectReason;
import jp.simkiosk.domain.Language;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.sale.FailureReason;
import jp.simkiosk.domain.sale.PaymentMethod;
import jp.simkiosk.domain.sale.Sale;

/**
 * A renewal customer, scripted: looks a line up, picks a sellable plan, pays (retrying once after a decline,
 * or giving up), has the plan applied and takes the paper — the calls the renewal screens make, in their
 * order — while the simulators' fault switches play the faults of {@link Faults}.
 */
public final class RenewalSession implements ScriptedSession {

    /** The end of a renewal sold while upstream was down (paid; applied when the outbox reaches upstream). */
    public static final String RENEWED_LATER = "RENEWED_LATER";

    /**
     * The faults one renewal meets.
     *
     * @param declineFirst       the first card is declined; the customer tries again
     * @param cancelAfterDecline … or gives up after the decline
     * @param readerErrorFirst   the reader fails on the first card; the customer tries again
     * @param upstreamRejects    the back office refuses the renewal
     * @param upstreamDown       the back office cannot be reached when the renewal is applied
     * @param voidFails          giving the money back fails at the reader (refund pending)
     * @param captureFails       confirming the charge fails at the reader (recovery confirms it)
     * @param printerOut         the printer is out of paper when the paper is printed
     */
    public record Faults(boolean declineFirst, boolean cancelAfterDecline, boolean readerErrorFirst,
                         boolean upstreamRejects, boolean upstreamDown, boolean voidFails, boolean captureFails,
                         boolean printerOut) {

        public static final Faults NONE = new Faults(false, false, false, false, false, false, false, false);

        public Faults {
            if (cancelAfterDecline && !declineFirst) throw new IllegalArgumentException("no decline to give up after");
            if (declineFirst && readerErrorFirst) throw new IllegalArgumentException("one first card only");
            if (upstreamRejects && upstreamDown) throw new IllegalArgumentException("rejected or down, not both");
            if (voidFails && !(upstreamRejects || upstreamDown)) throw new IllegalArgumentException("no void to fail");
            if (captureFails && (upstreamRejects || upstreamDown)) throw new IllegalArgumentException("no capture to fail");
        }

        /** A seeded mix: most sessions clean, the rest with one or two faults. */
        public static Faults draw(Random r) {
            boolean decline = r.nextInt(100) < 10;
            boolean giveUp = decline && r.nextInt(100) < 40;
            boolean readerError = !decline && r.nextInt(100) < 4;
            int upstream = r.nextInt(100);
            boolean rejects = upstream < 6;
            boolean down = upstream >= 6 && upstream < 11;
            boolean voidFails = (rejects || down) && r.nextInt(100) < 25;
            boolean captureFails = !(rejects || down) && r.nextInt(100) < 4;
            boolean printerOut = r.nextInt(100) < 6;
            return new Faults(decline, giveUp, readerError, rejects, down, voidFails, captureFails, printerOut);
        }

        public List<String> names() {
            List<String> n = new ArrayList<>();
            if (declineFirst) n.add(cancelAfterDecline ? "declined-gave-up" : "declined-once");
            if (readerErrorFirst) n.add("reader-error-once");
            if (upstreamRejects) n.add("renewal-rejected");
            if (upstreamDown) n.add("upstream-down");
            if (voidFails) n.add("void-fails");
            if (captureFails) n.add("capture-fails");
            if (printerOut) n.add("paper-out");
            return n;
        }
    }

    private final RenewalService renewals;
    private final Checkout checkout;
    private final SaleJournal journal;
    private final SimulatedPaymentTerminal reader;
    private final SimulatedReceiptPrinter printer;
    private final SimulatedUpstream upstream;
    private final List<Language> languages;
    private final List<LineId> lines;
    private final List<LineId> wrongLines;

    /**
     * @param lines      the renewable lines customers type
     * @param wrongLines lines one customer in ten types instead: unknown, or beyond renewal
     */
    public RenewalSession(RenewalService renewals, Checkout checkout, SaleJournal journal, SimulatedPaymentTerminal reader,
                          SimulatedReceiptPrinter printer, SimulatedUpstream upstream, List<Language> languages,
                          List<LineId> lines, List<LineId> wrongLines) {
        this.renewals = Objects.requireNonNull(renewals);
        this.checkout = Objects.requireNonNull(checkout);
        this.journal = Objects.requireNonNull(journal);
        this.reader = Objects.requireNonNull(reader);
        this.printer = Objects.requireNonNull(printer);
        this.upstream = Objects.requireNonNull(upstream);
        this.languages = List.copyOf(languages);
        this.lines = List.copyOf(lines);
        this.wrongLines = List.copyOf(wrongLines);
        if (this.languages.isEmpty() || this.lines.isEmpty()) throw new IllegalArgumentException("no language or no line");
    }

    @Override
    public String kind() {
        return "renewal";
    }

    @Override
    public SessionResult play(Random random) {
        Language language = languages.get(random.nextInt(languages.size()));
        List<LineId> typed = !wrongLines.isEmpty() && random.nextInt(10) == 0 ? wrongLines : lines;
        LineId line = typed.get(random.nextInt(typed.size()));
        return play(language, line, random.nextInt(1_000), Faults.draw(random));
    }

    /**
     * Plays one renewal.
     *
     * @param planChoice which of the line's sellable plans the customer picks (modulo their number)
     */
    public SessionResult play(Language language, LineId line, int planChoice, Faults faults) {
        long start = System.nanoTime();
        String what = line.masked();
        Optional<String> reference = Optional.empty();
        try {
            LineLookup found = renewals.lookUp(line);
            if (!(found instanceof LineLookup.Renewable renewable)) {
                return end(language, Optional.empty(), "line " + line.masked() + ": " + found.getClass().getSimpleName(),
                        List.of(), SessionResult.NO_SALE, "NONE", start);
            }
            List<PlanOffer> sellable = renewable.offers().stream().filter(PlanOffer::sellable).toList();
            if (sellable.isEmpty()) {
                return end(language, Optional.empty(), "line " + line.masked() + ": no plan", List.of(),
                        SessionResult.NO_SALE, "NONE", start);
            }
            PlanOffer offer = sellable.get(planChoice % sellable.size());
            what = offer.plan().id() + " " + offer.plan().price();
            Quote quote = renewals.quote(renewable.status(), offer.plan());
            Sale sale = renewals.open(quote, language);
            reference = Optional.of(sale.reference());

            if (faults.declineFirst()) reader.script(new AuthorizationResult.Declined(DeclineReason.DECLINED));
            if (faults.readerErrorFirst()) reader.script(new AuthorizationResult.DeviceError(DeviceFault.HARDWARE_ERROR));
            PaymentOutcome paid = checkout.payByCard(sale.id(), PaymentMethod.CARD);
            if (!(paid instanceof PaymentOutcome.Paid) && !faults.cancelAfterDecline()) {
                paid = checkout.payByCard(sale.id(), PaymentMethod.CARD);
            }
            if (!(paid instanceof PaymentOutcome.Paid)) {
                checkout.cancel(sale.id(), FailureReason.CUSTOMER_CANCELLED);
                return end(language, reference, what, faults.names(), state(sale), "NONE", start);
            }

            if (faults.upstreamRejects()) upstream.rejectNextRenewal(RejectReason.PLAN_NOT_ALLOWED);
            if (faults.voidFails()) reader.failVoidNext(DeviceFault.TIMEOUT);
            if (faults.captureFails()) reader.failCompleteNext(DeviceFault.TIMEOUT);
            if (faults.upstreamDown()) upstream.setReachable(false);
            FulfilmentOutcome fulfilled;
            try {
                fulfilled = renewals.fulfil(sale.id());
            } finally {
                upstream.setReachable(true);
            }

            ReceiptOutcome printed = Paper.print(printer, faults.printerOut(),
                    () -> renewals.printReceipt(sale.id(), language));
            Sale after = journal.find(sale.id()).orElseThrow();
            String paper = Paper.taken(printed, after);
            // sold while upstream was down: the sale waits, paid, for the outbox to have the renewal applied
            String end = fulfilled instanceof FulfilmentOutcome.RenewedLater ? RENEWED_LATER : after.state().name();
            return end(language, reference, what, faults.names(), end, paper, start);
        } catch (RuntimeException e) {
            return end(language, reference, what + " " + e, faults.names(), SessionResult.ERROR, "NONE", start);
        } finally {
            // a fault the session did not meet (no void when the renewal was sold offline) must not hit the next
            reader.clearFaults();
            upstream.clearRejection();
        }
    }

    private String state(Sale sale) {
        return journal.find(sale.id()).orElseThrow().state().name();
    }

    private SessionResult end(Language language, Optional<String> reference, String what, List<String> faults,
                              String end, String paper, long start) {
        return new SessionResult(kind(), language, reference, what, faults, end, paper, System.nanoTime() - start);
    }
}
