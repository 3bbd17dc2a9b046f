package jp.simkiosk.adapter.device.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import jp.simkiosk.adapter.StateFiles;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceRole;
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
 * A card reader without hardware, for demos, development and tests; what the kiosk runs on out of the box.
 *
 * <p>Approves by default, deterministically: brand VISA, masked number "**** **** **** 4242", approval codes
 * SIM000001, SIM000002, … in order. Other outcomes are set with {@link #script} (one result per coming
 * authorization, in order), {@link #failCompleteNext}, {@link #failVoidNext} and {@link #setOffline}. An
 * optional delay per operation ({@link #setDelay}) makes it feel like a real reader; while an authorization
 * waits out its delay (the customer "looking for the card"), {@link #cancelPending()} ends it with
 * CancelledByCustomer, and a cancelled authorization does not use up a scripted result.
 *
 * <p>It keeps a {@link #ledger()} per sale of the amounts authorized, captured and voided, with the same
 * idempotent rules as the serial driver: a repeated authorization of a sale returns its approval again, a
 * repeated complete or void is Done without moving money again, completing a voided sale or voiding a
 * completed one is refused (NOT_READY), and a sale it holds no session for (not approved here, or approved before
 * a restart of a simulator without a ledger file, as an MDB reader forgets its sessions) answers SESSION_LOST. A scripted device error puts the simulator into ERROR (OFFLINE for
 * PORT_UNAVAILABLE) until the next call or {@link #poll()} "re-initializes" it.
 *
 * <p>Made with a ledger file ({@value #LEDGER_FILE} in the data folder), it keeps the ledger there like the
 * card network would keep it: written before each call returns, read back at start, so that a kiosk killed
 * and restarted finds the authorizations it made (and tests can check across the kill that nothing was
 * charged twice).
 */
public final class SimulatedPaymentTerminal implements PaymentTerminal, TrackedDevice {

    private static final Logger log = LoggerFactory.getLogger(SimulatedPaymentTerminal.class);

    /** The ledger file's name in the data folder. */
    public static final String LEDGER_FILE = "card-reader-ledger.properties";

    static final String BRAND = "VISA";
    static final String MASKED_NUMBER = "**** **** **** 4242";

    /** What happened to one sale's money, as the simulated card network sees it. */
    public record LedgerEntry(Yen authorized, Yen captured, Yen voided, CardApproval approval) {
        public LedgerEntry {
            Objects.requireNonNull(authorized);
            Objects.requireNonNull(captured);
            Objects.requireNonNull(voided);
            Objects.requireNonNull(approval);
        }

        /** Neither captured nor voided yet: the customer's money is held. */
        public boolean open() {
            return captured.amount() == 0 && voided.amount() == 0;
        }

        private LedgerEntry capture() {
            return new LedgerEntry(authorized, authorized, voided, approval);
        }

        private LedgerEntry release() {
            return new LedgerEntry(authorized, captured, authorized, approval);
        }
    }

    private final HealthTracker health;
    private final Optional<Path> ledgerFile;
    /** One operation at a time, as on a real reader; {@link #poll()} does not wait for it. */
    private final ReentrantLock operation = new ReentrantLock();
    private volatile CountDownLatch pendingCancel;

    // guarded by this
    private final Deque<AuthorizationResult> script = new ArrayDeque<>();
    private final Map<SaleId, LedgerEntry> ledger = new LinkedHashMap<>();
    private DeviceFault completeFault;
    private DeviceFault voidFault;
    private Duration delay = Duration.ZERO;
    private boolean offline;
    private int approvals;

    /** A simulator whose ledger lives in memory only. */
    public SimulatedPaymentTerminal(Clock clock) {
        this(clock, Optional.empty());
    }

    /**
     * A simulator whose ledger is kept in {@code ledgerFile} (read if it exists, written at every change).
     *
     * @throws UncheckedIOException     when the file cannot be read
     * @throws IllegalArgumentException when the file is damaged
     */
    public SimulatedPaymentTerminal(Clock clock, Path ledgerFile) {
        this(clock, Optional.of(ledgerFile));
    }

    private SimulatedPaymentTerminal(Clock clock, Optional<Path> ledgerFile) {
        this.health = new HealthTracker(DeviceRole.CARD_READER, Objects.requireNonNull(clock, "clock"));
        this.ledgerFile = ledgerFile;
        ledgerFile.ifPresent(this::load);
    }

    /** Reads a ledger file this simulator wrote: what the (simulated) card network knows of each sale. */
    public static Map<SaleId, LedgerEntry> readLedger(Path file) {
        return entries(properties(file), file);
    }

    private static Properties properties(Path file) {
        return StateFiles.read(file, "the card reader ledger " + file);
    }

    private static Map<SaleId, LedgerEntry> entries(Properties p, Path file) {
        Map<SaleId, LedgerEntry> entries = new LinkedHashMap<>();
        try {
            for (String key : p.stringPropertyNames().stream().sorted().toList()) {
                if (!key.startsWith("sale.")) continue;
                String[] f = p.getProperty(key).split("\\|", -1);
                if (f.length != 6) throw new IllegalArgumentException("bad entry " + key);
                entries.put(new SaleId(key.substring("sale.".length())), new LedgerEntry(Yen.of(Long.parseLong(f[0])),
                        Yen.of(Long.parseLong(f[1])), Yen.of(Long.parseLong(f[2])), new CardApproval(f[3], f[4], f[5])));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("damaged card reader ledger " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }

    private void load(Path file) {
        if (!Files.exists(file)) return;
        Properties p = properties(file);
        ledger.putAll(entries(p, file));
        try {
            approvals = Integer.parseInt(p.getProperty("approvals", "0"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("damaged card reader ledger " + file + ": " + e.getMessage(), e);
        }
        log.info("simulated card reader: {} sale(s) in the ledger {}", ledger.size(), file);
    }

    /** Writes the ledger to a temporary file and moves it over the old one: a crash leaves one or the other. */
    private void save() {
        if (ledgerFile.isEmpty()) return;
        Path file = ledgerFile.get();
        Properties p = new Properties();
        p.setProperty("approvals", Integer.toString(approvals));
        ledger.forEach((sale, e) -> p.setProperty("sale." + sale.value(), e.authorized().amount() + "|"
                + e.captured().amount() + "|" + e.voided().amount() + "|" + e.approval().brand() + "|"
                + e.approval().maskedNumber() + "|" + e.approval().approvalCode()));
        try {
            StateFiles.write(file, p, "simulated card reader: per sale authorized|captured|voided yen, brand, masked number, approval");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the card reader ledger " + file, e);
        }
    }

    // ------------------------------------------------------------------ settings

    /** The results of the coming authorizations, in order; after them it approves again. */
    public synchronized void script(AuthorizationResult... results) {
        for (AuthorizationResult r : results) script.addLast(Objects.requireNonNull(r));
    }

    /** The next {@link #complete} that would capture money fails with {@code fault} and captures nothing. */
    public synchronized void failCompleteNext(DeviceFault fault) {
        completeFault = Objects.requireNonNull(fault);
    }

    /** The next {@link #voidAuthorization} that would release money fails with {@code fault}. */
    public synchronized void failVoidNext(DeviceFault fault) {
        voidFault = Objects.requireNonNull(fault);
    }

    /** Drops every scripted result and planned fault not used yet (a scripted session ends). */
    public synchronized void clearFaults() {
        script.clear();
        completeFault = null;
        voidFault = null;
    }

    /** An artificial time each operation takes (zero by default). */
    public synchronized void setDelay(Duration delay) {
        if (delay.isNegative()) throw new IllegalArgumentException("negative delay: " + delay);
        this.delay = delay;
    }

    /**
     * Unplugs (true) or plugs back (false) the simulated reader; while unplugged, calls that would reach the
     * reader fail with PORT_UNAVAILABLE.
     */
    public synchronized void setOffline(boolean offline) {
        this.offline = offline;
        if (offline) {
            health.offline();
        } else {
            readyUnlessSessionOpen();
        }
    }

    /** Every sale the simulator has approved (in the order approved; by sale id after a restart); a read-only snapshot. */
    public synchronized Map<SaleId, LedgerEntry> ledger() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(ledger));
    }

    /** True while an authorization waits out its delay for the (simulated) customer. */
    public boolean awaitingCustomer() {
        return pendingCancel != null;
    }

    // ------------------------------------------------------------------ Device

    @Override
    public HealthTracker healthTracker() {
        return health;
    }


    /** "Re-initializes" a reader in ERROR; returns the current health at once while an operation runs. */
    @Override
    public DeviceHealth poll() {
        if (!operation.tryLock()) return health.current();
        try {
            synchronized (this) {
                return offline ? health.offline() : readyUnlessSessionOpen();
            }
        } finally {
            operation.unlock();
        }
    }


    /** Ends a waiting authorization; the simulator holds nothing else to release. */
    @Override
    public void close() {
        cancelPending();
    }

    // ------------------------------------------------------------------ PaymentTerminal

    @Override
    public AuthorizationResult authorize(SaleId sale, Yen amount) {
        Objects.requireNonNull(sale, "sale");
        if (amount.amount() <= 0) throw new IllegalArgumentException("authorization needs a positive amount: " + amount);
        operation.lock();
        try {
            Duration wait;
            synchronized (this) {
                LedgerEntry known = ledger.get(sale);
                if (known != null) {
                    if (known.voided().amount() == 0 && known.authorized().equals(amount)) {
                        log.info("simulated card reader: sale {} authorized again; same approval", sale);
                        return new AuthorizationResult.Approved(known.approval());
                    }
                    log.warn("simulated card reader: sale {} cannot be authorized again ({})", sale, known);
                    return new AuthorizationResult.DeviceError(DeviceFault.NOT_READY);
                }
                if (offline) return new AuthorizationResult.DeviceError(DeviceFault.PORT_UNAVAILABLE);
                health.busy();
                wait = delay;
            }
            boolean cancelled = waitForCustomer(wait);
            synchronized (this) {
                if (cancelled) {
                    log.info("simulated card reader: sale {} cancelled while waiting for the card", sale);
                    readyUnlessSessionOpen();
                    return new AuthorizationResult.CancelledByCustomer();
                }
                AuthorizationResult r = script.isEmpty()
                        ? new AuthorizationResult.Approved(nextApproval())
                        : script.removeFirst();
                if (r instanceof AuthorizationResult.Approved a) {
                    ledger.put(sale, new LedgerEntry(amount, Yen.ZERO, Yen.ZERO, a.approval()));
                    save();
                    log.info("simulated card reader: sale {} approved {}", sale, amount);
                } else if (r instanceof AuthorizationResult.DeviceError e) {
                    log.info("simulated card reader: sale {} device error {}", sale, e.fault());
                    fault(e.fault());
                    return r;
                } else {
                    log.info("simulated card reader: sale {} {}", sale, r);
                }
                readyUnlessSessionOpen();
                return r;
            }
        } finally {
            operation.unlock();
        }
    }

    @Override
    public DeviceOutcome complete(SaleId sale) {
        return settle(sale, true);
    }

    @Override
    public DeviceOutcome voidAuthorization(SaleId sale) {
        return settle(sale, false);
    }

    /** Ends an authorization that waits out its delay; it returns CancelledByCustomer. */
    @Override
    public void cancelPending() {
        CountDownLatch latch = pendingCancel;
        if (latch != null) latch.countDown();
    }

    // ------------------------------------------------------------------ inside

    private DeviceOutcome settle(SaleId sale, boolean capture) {
        Objects.requireNonNull(sale, "sale");
        String what = capture ? "complete" : "void";
        operation.lock();
        try {
            Duration wait;
            synchronized (this) {
                wait = delay;
            }
            pause(wait);
            synchronized (this) {
                LedgerEntry e = ledger.get(sale);
                Yen done = e == null ? Yen.ZERO : capture ? e.captured() : e.voided();
                Yen other = e == null ? Yen.ZERO : capture ? e.voided() : e.captured();
                if (e == null) {
                    // like the MDB reader after a restart: no session of the sale here
                    log.warn("simulated card reader: cannot {} sale {} (no session: never approved here, or before "
                            + "a restart without a ledger file)", what, sale);
                    return new DeviceOutcome.Failed(DeviceFault.SESSION_LOST);
                }
                if (other.amount() > 0) {
                    log.warn("simulated card reader: cannot {} sale {} ({})", what, sale, e);
                    return new DeviceOutcome.Failed(DeviceFault.NOT_READY);
                }
                if (done.amount() > 0) return DeviceOutcome.DONE;
                if (offline) return new DeviceOutcome.Failed(DeviceFault.PORT_UNAVAILABLE);
                DeviceFault f = capture ? completeFault : voidFault;
                if (f != null) {
                    if (capture) {
                        completeFault = null;
                    } else {
                        voidFault = null;
                    }
                    log.info("simulated card reader: {} of sale {} fails with {}", what, sale, f);
                    fault(f);
                    return new DeviceOutcome.Failed(f);
                }
                ledger.put(sale, capture ? e.capture() : e.release());
                save();
                log.info("simulated card reader: sale {} {}", sale, capture ? "captured" : "voided");
                readyUnlessSessionOpen();
                return DeviceOutcome.DONE;
            }
        } finally {
            operation.unlock();
        }
    }

    private CardApproval nextApproval() {
        approvals++;
        return new CardApproval(BRAND, MASKED_NUMBER, String.format(Locale.ROOT, "SIM%06d", approvals));
    }

    /** Waits {@code wait}; true when {@link #cancelPending()} (or an interrupt) ended the wait. */
    private boolean waitForCustomer(Duration wait) {
        if (wait.isZero()) return false;
        CountDownLatch latch = new CountDownLatch(1);
        pendingCancel = latch;
        try {
            return latch.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } finally {
            pendingCancel = null;
        }
    }

    private static void pause(Duration wait) {
        if (wait.isZero()) return;
        try {
            TimeUnit.NANOSECONDS.sleep(wait.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fault(DeviceFault f) {
        if (f == DeviceFault.PORT_UNAVAILABLE) {
            health.offline();
        } else {
            health.error(f, Set.of());
        }
    }

    /** READY, or BUSY while an approved sale is neither captured nor voided (the reader holds its session). */
    private DeviceHealth readyUnlessSessionOpen() {
        boolean sessionOpen = ledger.values().stream().anyMatch(LedgerEntry::open);
        return sessionOpen ? health.busy() : health.ready(Set.of());
    }
}
