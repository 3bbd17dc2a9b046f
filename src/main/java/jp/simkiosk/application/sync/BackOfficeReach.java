package jp.simkiosk.application.sync;

import java.util.List;
import java.util.Objects;
import jp.simkiosk.application.port.EventSink;
import jp.simkiosk.application.port.HeartbeatSink;
import jp.simkiosk.application.port.SaleEvent;
import jp.simkiosk.application.port.Upstream;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.LineId;
import jp.simkiosk.domain.sale.SaleId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the back office answered the kiosk's latest exchange with it — a line look-up, a renewal, a new line's
 * activation or cancellation, an outbox delivery, a heartbeat (every minute). It is <em>known unreachable</em>
 * from an exchange that got no usable answer until the next one that does; at start nothing is known. A new line
 * whose plan is not sold offline is not offered meanwhile, as a renewal's look-up that gets no answer offers only
 * the plans sold offline ({@code PurchaseService.offers}).
 *
 * <p>The {@code tracking…} decorators note every exchange of the port they wrap; thread-safe.
 */
public final class BackOfficeReach {

    private static final Logger log = LoggerFactory.getLogger(BackOfficeReach.class);

    private volatile boolean unreachable;

    /** The back office answered (anything, a refusal included). */
    public void answered() {
        if (unreachable) log.info("the back office answers again");
        unreachable = false;
    }

    /** An exchange got no usable answer (unreachable, time-out, error). */
    public void noAnswer() {
        if (!unreachable) log.info("the back office does not answer: new lines not sold offline are not offered");
        unreachable = true;
    }

    /** Whether the latest exchange with the back office got no answer. */
    public boolean knownUnreachable() {
        return unreachable;
    }

    private <T> T note(T result, boolean answered) {
        if (answered) {
            answered();
        } else {
            noAnswer();
        }
        return result;
    }

    /** {@code upstream}, noting whether each call was answered. */
    public Upstream trackingUpstream(Upstream upstream) {
        Objects.requireNonNull(upstream);
        return new Upstream() {
            @Override
            public LookupResult lookUp(LineId line) {
                LookupResult r = upstream.lookUp(line);
                return note(r, !(r instanceof LookupResult.Unavailable));
            }

            @Override
            public RenewalResult applyRenewal(SaleId sale, LineId line, String planId) {
                RenewalResult r = upstream.applyRenewal(sale, line, planId);
                return note(r, !(r instanceof RenewalResult.Unavailable));
            }

            @Override
            public ActivationResult activateSim(SaleId sale, Iccid iccid, String planId) {
                ActivationResult r = upstream.activateSim(sale, iccid, planId);
                return note(r, !(r instanceof ActivationResult.Unavailable));
            }

            @Override
            public EsimResult issueEsim(SaleId sale, String planId) {
                EsimResult r = upstream.issueEsim(sale, planId);
                return note(r, !(r instanceof EsimResult.Unavailable));
            }

            @Override
            public CancelResult cancelActivation(SaleId sale) {
                CancelResult r = upstream.cancelActivation(sale);
                return note(r, !(r instanceof CancelResult.Unavailable));
            }
        };
    }

    /** {@code sink}, noting whether each delivery was answered. */
    public EventSink trackingEvents(EventSink sink) {
        Objects.requireNonNull(sink);
        return (List<SaleEvent> batch) -> {
            EventSink.Delivery d = sink.deliver(batch);
            return note(d, d instanceof EventSink.Delivery.Answered);
        };
    }

    /** {@code sink}, noting whether each heartbeat was taken. */
    public HeartbeatSink trackingHeartbeats(HeartbeatSink sink) {
        Objects.requireNonNull(sink);
        return heartbeat -> {
            boolean taken = sink.send(heartbeat);
            return note(taken, taken);
        };
    }
}
