package jp.simkiosk.adapter.device.serial.mdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import jp.simkiosk.adapter.device.serial.JsscSerialLink;
import jp.simkiosk.adapter.device.serial.SerialLink;
import jp.simkiosk.adapter.device.serial.SerialLinkException;
import jp.simkiosk.adapter.device.serial.mdb.MdbCommands.Answer;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceRole;
import jp.simkiosk.application.device.DeviceState;
import jp.simkiosk.application.device.HealthTracker;
import jp.simkiosk.application.device.TrackedDevice;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.PaymentTerminal;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.SaleId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card reader: an MDB cashless device behind a Qibixx-style ASCII bridge on a serial port, the kiosk
 * acting as the vending controller ("selection first"). Every line exchanged is in {@link MdbCommands}.
 *
 * <p>One sale is one MDB vend session: {@link #authorize} sends the vend request and waits for the
 * customer's card up to the payment time-out; the session stays open (health BUSY) until {@link #complete}
 * (vend success, the charge stands) or {@link #voidAuthorization} (vend failure, the charge is reversed).
 * The outcome of each sale's session is remembered, so that repeated calls for the same sale never act
 * twice: a repeated authorize returns the approval the sale already has, a repeated complete or void is
 * Done without sending anything, and voiding a completed sale (or completing a voided one) is refused.
 * If the bridge does not confirm a complete or void, the driver cannot know whether the reader acted on
 * it: the sale's session becomes uncertain, later complete/void calls for it are refused (the back office
 * settles it) and the reader is re-initialized, which ends any MDB session. Sessions live in memory: after the
 * kiosk restarts (the reader is reset at the first call or poll, ending every vend session) a complete or void of
 * an earlier sale answers {@link DeviceFault#SESSION_LOST}.
 *
 * <p>Cancelling: the customer cancelling at the reader shows as {@code d,STATUS,IDLE} before a result.
 * {@link #cancelPending()} (from any thread) and the payment time-out make the driver send
 * {@code D,REQ,-1}; should the reader approve just before the cancel took effect, the driver reverses the
 * approval at once with {@code D,END,-1}.
 *
 * <p>Every wait has a time-out. A time-out or a line the driver cannot understand sets health to ERROR, an
 * I/O failure to OFFLINE; the next call or {@link #poll()} re-initializes the reader ({@code D,2},
 * {@code D,READER,1}), after re-opening the port when it had gone and a {@link LinkOpener} was given.
 * Calls are serialized; {@link #poll()} does not wait for a running command and returns the current health.
 *
 * <p>Card data: the kiosk keeps brand, "**** **** **** " + last four digits and the approval code, and
 * only when the bridge sends the {@code d,CARD} extension; otherwise brand {@code CARD}, masked number
 * {@code ****} and an approval code derived from the sale id. Lines the driver does not understand are
 * logged with their digits masked.
 */
public final class MdbCardReader implements PaymentTerminal, TrackedDevice {

    private static final Logger log = LoggerFactory.getLogger(MdbCardReader.class);

    /** A customer's usual time to present a card, when the configuration does not say. */
    public static final Duration DEFAULT_PAYMENT_TIMEOUT = Duration.ofSeconds(60);

    /** How many sales' session outcomes are remembered for idempotent retries. */
    private static final int REMEMBERED_SALES = 256;
    /**
     * Each read waits at most this long, then the driver sleeps {@link #IDLE_PAUSE_MS}: jssc waits for bytes
     * by spinning, so long reads would keep a core busy while the customer looks for a card.
     */
    private static final Duration READ_SLICE = Duration.ofMillis(1);
    private static final long IDLE_PAUSE_MS = 20;

    /** Opens the bridge's serial port again after it went away (a USB bridge unplugged and plugged back). */
    @FunctionalInterface
    public interface LinkOpener {
        SerialLink open() throws SerialLinkException;
    }

    private enum SessionState { AUTHORIZED, COMPLETED, VOIDED, UNCERTAIN }

    private static final class Session {
        private final Yen amount;
        private final CardApproval approval;
        private SessionState state = SessionState.AUTHORIZED;

        private Session(Yen amount, CardApproval approval) {
            this.amount = amount;
            this.approval = approval;
        }
    }

    /** A failed exchange with the bridge; turned into a typed result at the public methods. */
    private static final class Failure extends Exception {
        private final DeviceFault fault;

        private Failure(DeviceFault fault, String message, Throwable cause) {
            super(message, cause, false, false);
            this.fault = fault;
        }

        private Failure(DeviceFault fault, String message) {
            this(fault, message, null);
        }
    }

    private final LinkOpener opener;
    private final HealthTracker health;
    private final Duration commandTimeout;
    private final Duration paymentTimeout;
    private final ReentrantLock commandLock = new ReentrantLock();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private volatile boolean awaitingCustomer;

    // guarded by commandLock
    private SerialLink link;
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private final Map<SaleId, Session> sessions = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SaleId, Session> eldest) {
            return size() > REMEMBERED_SALES && eldest.getValue().state != SessionState.AUTHORIZED;
        }
    };
    private SaleId openSale;
    private boolean closed;

    /**
     * A reader on an open link that is used as long as the reader lives (tests inject a pty).
     *
     * @param commandTimeout the longest wait for the bridge's answer to a command
     * @param paymentTimeout how long the customer has to present a card
     */
    public MdbCardReader(SerialLink link, Clock clock, Duration commandTimeout, Duration paymentTimeout) {
        this(link, null, clock, commandTimeout, paymentTimeout);
    }

    /**
     * A reader that re-opens its port with {@code reopen} when the port went away.
     *
     * @param reopen null to keep using {@code link}
     */
    public MdbCardReader(SerialLink link, LinkOpener reopen, Clock clock, Duration commandTimeout,
                         Duration paymentTimeout) {
        this.link = Objects.requireNonNull(link, "link");
        this.opener = reopen;
        this.health = new HealthTracker(DeviceRole.CARD_READER, Objects.requireNonNull(clock, "clock"));
        this.commandTimeout = positive(commandTimeout, "commandTimeout");
        this.paymentTimeout = positive(paymentTimeout, "paymentTimeout");
    }

    /**
     * Opens the bridge on {@code port} at {@code baud} (8N1). The reader is initialized by the first
     * {@link #poll()} or call.
     *
     * @throws SerialLinkException naming the card reader and the port when the port cannot be opened
     */
    public static MdbCardReader open(String port, int baud, Clock clock, Duration commandTimeout,
                                     Duration paymentTimeout) throws SerialLinkException {
        LinkOpener opener = () -> openPort(port, baud);
        return new MdbCardReader(opener.open(), opener, clock, commandTimeout, paymentTimeout);
    }

    private static SerialLink openPort(String port, int baud) throws SerialLinkException {
        try {
            return JsscSerialLink.open(port, baud);
        } catch (SerialLinkException e) {
            throw new SerialLinkException(e.kind(), "card reader (MDB bridge) on " + port + ": " + e.getMessage(), e);
        }
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive: " + d);
        return d;
    }

    // ------------------------------------------------------------------ Device

    @Override
    public HealthTracker healthTracker() {
        return health;
    }



    /**
     * Re-initializes the reader when it is not ready, otherwise asks for its status ({@code D,READER,1},
     * answered {@code d,STATUS,IDLE}). While a command runs or a sale's session is open it sends nothing and
     * returns the current health.
     */
    @Override
    public DeviceHealth poll() {
        if (!commandLock.tryLock()) return health.current();
        try {
            if (closed || openSale != null) return health.current();
            try {
                if (health.current().state() == DeviceState.READY) {
                    statusCheck();
                } else {
                    initialize();
                }
            } catch (Failure f) {
                fail(f);
            }
            return health.current();
        } finally {
            commandLock.unlock();
        }
    }

    /** Cancels a waiting authorization, disables the reader (best effort) and releases the port. */
    @Override
    public void close() {
        cancelPending();
        commandLock.lock();
        try {
            if (closed) return;
            closed = true;
            sendQuietly(MdbCommands.READER_DISABLE);
            link.close();
            health.offline();
        } finally {
            commandLock.unlock();
        }
    }

    // ------------------------------------------------------------------ PaymentTerminal

    @Override
    public AuthorizationResult authorize(SaleId sale, Yen amount) {
        Objects.requireNonNull(sale, "sale");
        String request = MdbCommands.vendRequest(Objects.requireNonNull(amount, "amount"));
        commandLock.lock();
        try {
            Session known = sessions.get(sale);
            if (known != null) return repeatedAuthorization(sale, known, amount);
            if (closed) return new AuthorizationResult.DeviceError(DeviceFault.NOT_READY);
            if (openSale != null) {
                log.warn("sale {}: cannot authorize while sale {} still has an open authorization", sale, openSale);
                return new AuthorizationResult.DeviceError(DeviceFault.NOT_READY);
            }
            try {
                if (health.current().state() != DeviceState.READY) initialize();
                return vend(sale, amount, request);
            } catch (Failure f) {
                fail(f);
                return new AuthorizationResult.DeviceError(f.fault);
            }
        } finally {
            commandLock.unlock();
        }
    }

    @Override
    public DeviceOutcome complete(SaleId sale) {
        return settle(sale, SessionState.COMPLETED, MdbCommands.VEND_SUCCESS);
    }

    @Override
    public DeviceOutcome voidAuthorization(SaleId sale) {
        return settle(sale, SessionState.VOIDED, MdbCommands.VEND_FAILURE);
    }

    /**
     * Asks a waiting {@link #authorize} to give up: it sends {@code D,REQ,-1} and returns
     * CancelledByCustomer. Does nothing when no authorization is waiting.
     */
    @Override
    public void cancelPending() {
        if (awaitingCustomer) {
            cancelRequested.set(true);
            log.info("card reader: cancel of the waiting authorization requested");
        }
    }

    // ------------------------------------------------------------------ the vend session

    private AuthorizationResult repeatedAuthorization(SaleId sale, Session known, Yen amount) {
        boolean holds = known.state == SessionState.AUTHORIZED || known.state == SessionState.COMPLETED;
        if (holds && known.amount.equals(amount)) {
            log.info("sale {}: authorization repeated; returning the approval it already has", sale);
            return new AuthorizationResult.Approved(known.approval);
        }
        log.warn("sale {}: cannot authorize {} again (its session is {} for {})", sale, amount, known.state, known.amount);
        return new AuthorizationResult.DeviceError(DeviceFault.NOT_READY);
    }

    private AuthorizationResult vend(SaleId sale, Yen amount, String request) throws Failure {
        health.busy();
        cancelRequested.set(false);
        awaitingCustomer = true;
        boolean requestPending = false;
        try {
            drain();
            send(request);
            requestPending = true;
            expect(Answer.VendAccepted.class, deadline(commandTimeout), "vend request");
            long deadline = deadline(paymentTimeout);
            Answer.Card card = null;
            while (true) {
                Optional<String> line = readLine(deadline, true);
                if (line.isEmpty()) {
                    requestPending = false;
                    if (cancelRequested.get()) {
                        log.info("sale {}: authorization cancelled by the kiosk", sale);
                        return abandon(sale, new AuthorizationResult.CancelledByCustomer());
                    }
                    log.info("sale {}: no card within {} s", sale, paymentTimeout.toSeconds());
                    return abandon(sale, new AuthorizationResult.TimedOut());
                }
                Answer a = MdbCommands.parse(line.get());
                if (a instanceof Answer.Card c) {
                    card = c;
                } else if (a instanceof Answer.Approved approved) {
                    requestPending = false;
                    return approved(sale, amount, approved.yen(), card);
                } else if (a instanceof Answer.Denied) {
                    requestPending = false;
                    log.info("sale {}: card declined", sale);
                    health.ready(Set.of());
                    return new AuthorizationResult.Declined(DeclineReason.DECLINED);
                } else if (a instanceof Answer.Idle) {
                    requestPending = false;
                    log.info("sale {}: cancelled by the customer at the reader", sale);
                    health.ready(Set.of());
                    return new AuthorizationResult.CancelledByCustomer();
                } else {
                    throw unexpected(line.get(), "waiting for the card");
                }
            }
        } catch (Failure f) {
            if (requestPending) sendQuietly(MdbCommands.VEND_CANCEL);
            throw f;
        } finally {
            awaitingCustomer = false;
        }
    }

    private AuthorizationResult approved(SaleId sale, Yen asked, long approvedYen, Answer.Card card) throws Failure {
        if (approvedYen != asked.amount()) {
            log.warn("sale {}: the reader approved {} for a request of {}; reversing it", sale, Yen.of(approvedYen), asked);
            send(MdbCommands.VEND_FAILURE);
            expect(Answer.Idle.class, deadline(commandTimeout), "reversal of a wrong amount");
            throw new Failure(DeviceFault.PROTOCOL_ERROR, "approved amount differs from the request (reversed)");
        }
        CardApproval approval = card == null
                ? new CardApproval("CARD", "****", derivedApprovalCode(sale))
                : new CardApproval(card.brand(), "**** **** **** " + card.last4(), card.approvalCode());
        sessions.put(sale, new Session(asked, approval));
        openSale = sale;
        log.info("sale {}: approved {} ({})", sale, asked, approval.brand());
        return new AuthorizationResult.Approved(approval);
    }

    /** The approval code when the bridge gives none: "M" and the first eleven hex digits of the sale id. */
    private static String derivedApprovalCode(SaleId sale) {
        return "M" + sale.value().replace("-", "").substring(0, 11).toUpperCase(Locale.ROOT);
    }

    /** Sends the vend cancel for a payment the kiosk gives up on, and waits for the bridge to go idle. */
    private AuthorizationResult abandon(SaleId sale, AuthorizationResult outcome) throws Failure {
        send(MdbCommands.VEND_CANCEL);
        long deadline = deadline(commandTimeout);
        while (true) {
            String line = readLine(deadline, false)
                    .orElseThrow(() -> new Failure(DeviceFault.TIMEOUT, "no answer to the vend cancel"));
            Answer a = MdbCommands.parse(line);
            if (a instanceof Answer.Idle || a instanceof Answer.Denied) {
                health.ready(Set.of());
                return outcome;
            }
            if (a instanceof Answer.Approved) {
                log.warn("sale {}: the reader approved just before the cancel; reversing it", sale);
                send(MdbCommands.VEND_FAILURE);
                expect(Answer.Idle.class, deadline(commandTimeout), "reversal after cancel");
                health.ready(Set.of());
                return outcome;
            }
            if (!(a instanceof Answer.Card)) throw unexpected(line, "cancelling the vend");
        }
    }

    private DeviceOutcome settle(SaleId sale, SessionState target, String command) {
        Objects.requireNonNull(sale, "sale");
        commandLock.lock();
        try {
            Session s = sessions.get(sale);
            if (s == null) {
                // after a restart: the reader was reset, which ended any vend session it had for the sale
                log.warn("sale {}: no vend session for it on the reader (it was reset since); cannot mark it {}",
                        sale, target);
                return new DeviceOutcome.Failed(DeviceFault.SESSION_LOST);
            }
            if (s.state == target) return DeviceOutcome.DONE;
            if (s.state != SessionState.AUTHORIZED || closed) {
                log.warn("sale {}: cannot mark {} a session that is {}", sale, target, s.state);
                return new DeviceOutcome.Failed(DeviceFault.NOT_READY);
            }
            try {
                send(command);
                expect(Answer.Idle.class, deadline(commandTimeout), command);
                s.state = target;
                openSale = null;
                log.info("sale {}: {}", sale, target);
                health.ready(Set.of());
                return DeviceOutcome.DONE;
            } catch (Failure f) {
                s.state = SessionState.UNCERTAIN;
                openSale = null;
                log.warn("sale {}: the reader did not confirm {}; the back office must settle this sale", sale, command);
                fail(f);
                return new DeviceOutcome.Failed(f.fault);
            }
        } finally {
            commandLock.unlock();
        }
    }

    // ------------------------------------------------------------------ initialization and status

    private void initialize() throws Failure {
        if (health.current().state() == DeviceState.OFFLINE && opener != null) reopen();
        drain();
        send(MdbCommands.RESET);
        long deadline = deadline(commandTimeout);
        boolean resetSeen = false;
        while (true) {
            String line = readLine(deadline, false)
                    .orElseThrow(() -> new Failure(DeviceFault.TIMEOUT, "no answer to the reset"));
            Answer a = MdbCommands.parse(line);
            if (a instanceof Answer.InitDone) break;
            if (a instanceof Answer.Reset) {
                resetSeen = true;
            } else if (resetSeen || a instanceof Answer.Unknown) {
                throw unexpected(line, "initializing");
            } else {
                // a late answer from before the reset (e.g. to a cancel after a fault); the reset ends that session
                log.info("card reader: stale line before the reset skipped: {}", MdbCommands.forLog(line));
            }
        }
        send(MdbCommands.READER_ENABLE);
        expect(Answer.Idle.class, deadline(commandTimeout), "reader enable");
        health.ready(Set.of());
    }

    private void reopen() throws Failure {
        link.close();
        try {
            link = opener.open();
            log.info("card reader: port {} opened again", link.portName());
        } catch (SerialLinkException e) {
            throw new Failure(DeviceFault.PORT_UNAVAILABLE, e.getMessage(), e);
        }
    }

    private void statusCheck() throws Failure {
        drain();
        send(MdbCommands.READER_ENABLE);
        String line = readLine(deadline(commandTimeout), false)
                .orElseThrow(() -> new Failure(DeviceFault.TIMEOUT, "no answer to the status poll"));
        Answer a = MdbCommands.parse(line);
        if (a instanceof Answer.Idle) {
            health.ready(Set.of());
        } else if (a instanceof Answer.Reset) {
            log.info("card reader: the bridge reset by itself; initializing again");
            initialize();
        } else {
            throw unexpected(line, "polling");
        }
    }

    // ------------------------------------------------------------------ lines

    private void expect(Class<? extends Answer> wanted, long deadline, String what) throws Failure {
        String line = readLine(deadline, false)
                .orElseThrow(() -> new Failure(DeviceFault.TIMEOUT, "no answer to " + what));
        if (!wanted.isInstance(MdbCommands.parse(line))) throw unexpected(line, what);
    }

    private static Failure unexpected(String line, String what) {
        return new Failure(DeviceFault.PROTOCOL_ERROR, "unexpected line while " + what + ": " + MdbCommands.forLog(line));
    }

    /**
     * The next non-empty line, without its "\n" or "\r\n"; empty when the deadline passed or, with
     * {@code watchCancel}, a cancel was requested. A partial line is kept for the next read.
     */
    private Optional<String> readLine(long deadline, boolean watchCancel) throws Failure {
        while (true) {
            if (watchCancel && cancelRequested.get()) return Optional.empty();
            if (deadline - System.nanoTime() <= 0) return Optional.empty();
            int b = nextByte();
            if (b < 0) continue;
            if (b == '\n') {
                String line = partialLine.toString(StandardCharsets.US_ASCII);
                partialLine.reset();
                if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
                if (line.isEmpty()) continue;
                log.debug("card reader < {}", MdbCommands.forLog(line));
                return Optional.of(line);
            }
            if (partialLine.size() >= MdbCommands.MAX_LINE) {
                partialLine.reset();
                throw new Failure(DeviceFault.PROTOCOL_ERROR, "line longer than " + MdbCommands.MAX_LINE + " bytes");
            }
            partialLine.write(b);
        }
    }

    /** One byte, or -1 when none arrived in a short slice (after pausing, so that waiting costs no CPU). */
    private int nextByte() throws Failure {
        try {
            return link.readByte(READ_SLICE);
        } catch (SerialLinkException e) {
            if (e.kind() != SerialLinkException.Kind.TIMEOUT) throw linkFailure(e);
        }
        try {
            Thread.sleep(IDLE_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (awaitingCustomer) cancelRequested.set(true);
        }
        return -1;
    }

    private void drain() throws Failure {
        partialLine.reset();
        try {
            link.drainInput();
        } catch (SerialLinkException e) {
            throw linkFailure(e);
        }
    }

    private void send(String command) throws Failure {
        log.debug("card reader > {}", command);
        try {
            link.write(MdbCommands.line(command));
        } catch (SerialLinkException e) {
            throw linkFailure(e);
        }
    }

    private void sendQuietly(String command) {
        try {
            send(command);
        } catch (Failure f) {
            log.debug("card reader: {} not sent: {}", command, f.getMessage());
        }
    }

    private static Failure linkFailure(SerialLinkException e) {
        DeviceFault fault = e.kind() == SerialLinkException.Kind.TIMEOUT ? DeviceFault.TIMEOUT : DeviceFault.PORT_UNAVAILABLE;
        return new Failure(fault, e.getMessage(), e);
    }

    private void fail(Failure f) {
        log.warn("card reader: {} ({})", f.getMessage(), f.fault);
        if (f.fault == DeviceFault.PORT_UNAVAILABLE) {
            health.offline();
        } else {
            health.error(f.fault, Set.of());
        }
    }

    private static long deadline(Duration d) {
        return System.nanoTime() + d.toNanos();
    }
}
