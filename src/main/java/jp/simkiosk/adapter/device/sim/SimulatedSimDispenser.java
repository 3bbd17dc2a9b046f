package jp.simkiosk.adapter.device.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import jp.simkiosk.adapter.device.DeviceStateFile;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceRole;
import jp.simkiosk.application.device.DeviceState;
import jp.simkiosk.application.device.HealthTracker;
import jp.simkiosk.application.device.TrackedDevice;
import jp.simkiosk.application.device.MediaCondition;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.SimDispenser;
import jp.simkiosk.domain.line.Iccid;
import jp.simkiosk.domain.line.Luhn;
import jp.simkiosk.domain.sale.SaleId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIM dispenser without hardware, what the kiosk runs on out of the box: a stacker of SIMs whose ICCIDs
 * come from a text file (one a line, {@code #} comments), a channel with an IC station and a gate, and a
 * reject bin. Which SIMs have left the stacker, the counters, the card in the channel and what became of
 * the cards of the latest sales (taken or captured) are kept in {@value #STATE_FILE} in the data folder, so that
 * a restart never hands out the same SIM again and a SIM the customer took is not reported captured.
 *
 * <p>Behaves like the serial driver: a repeated call for the same sale never moves a second card; a card
 * that cannot be read stays at the IC station until captured or read again. Faults are set on it (a jam,
 * an empty stacker, a full reject bin, a customer who does not take the card, an unreadable SIM) and an
 * artificial delay per operation makes a demo look like real hardware. Deterministic; thread-safe.
 */
public final class SimulatedSimDispenser implements SimDispenser, TrackedDevice {

    private static final Logger log = LoggerFactory.getLogger(SimulatedSimDispenser.class);

    /** The state file's name in the data folder. */
    public static final String STATE_FILE = "sim-dispenser-state.properties";
    /** At or below this many cards left, the stacker reports LOW. */
    public static final int LOW_THRESHOLD = 5;

    private static final int REMEMBERED_SALES = 64;

    private enum Position { AT_IC, AT_GATE }

    /** The card in the channel; {@code owner} is null for a card found there after a restart. */
    private record Channel(Iccid iccid, Position position, SaleId owner, boolean read) {}

    private enum Fate { TAKEN, CAPTURED }

    private final List<Iccid> stock;
    private final DeviceStateFile stateFile;
    private final Duration delay;
    private final HealthTracker tracker;

    // guarded by this
    private final Set<String> used = new LinkedHashSet<>();
    /** SIMs loaded by the operator after the stock file (refills). */
    private final Set<String> loaded = new LinkedHashSet<>();
    private int dispensed;
    private int captured;
    private Channel channel;
    /** The sale the card in the channel was for, when the channel was restored from the state file. */
    private SaleId restoredOwner;
    private final Map<SaleId, Fate> fates = DeviceStateFile.recentSales(REMEMBERED_SALES);
    private boolean jamNextMove;
    private boolean jamNextMoveToGate;
    private boolean stackerEmpty;
    private boolean rejectBinFull;
    private boolean cardNotTaken;
    private boolean failNextIcRead;

    /**
     * Loads the stacker from {@code stockFile} and the position from {@code dataDir}/{@value #STATE_FILE}.
     *
     * @param delay artificial time every operation takes ({@link Duration#ZERO} in tests)
     * @throws IllegalArgumentException when a line of the stock file is not a valid ICCID, or the state file is damaged
     * @throws UncheckedIOException when a file cannot be read
     */
    public SimulatedSimDispenser(Path stockFile, Path dataDir, Clock clock, Duration delay) {
        this.stock = new ArrayList<>(loadStock(stockFile));
        this.stateFile = new DeviceStateFile(dataDir, STATE_FILE);
        this.delay = Objects.requireNonNull(delay);
        this.tracker = new HealthTracker(DeviceRole.SIM_DISPENSER, clock);
        loadState();
        settle();
        log.info("SIM dispenser simulator: {} SIMs in {}, {} left", stock.size(), stockFile, remaining());
    }

    // ------------------------------------------------------------------ faults and counters

    /** The next card movement fails with JAM; the next call or poll re-initializes the device. */
    public synchronized void jamNextMove() {
        jamNextMove = true;
    }

    /**
     * The next move of a card from the IC station to the gate jams: the card stays at the IC station (a capture
     * afterwards goes through), health ERROR(JAM) until the next call or poll.
     */
    public synchronized void jamNextMoveToGate() {
        jamNextMoveToGate = true;
    }

    /** The stacker reads empty whatever is left in it. */
    public synchronized void setStackerEmpty(boolean empty) {
        stackerEmpty = empty;
        settleUnlessBusy();
    }

    public synchronized void setRejectBinFull(boolean full) {
        rejectBinFull = full;
        settleUnlessBusy();
    }

    /** Customers leave their card at the gate: {@link #awaitTaken} waits its whole time and says NOT_TAKEN. */
    public synchronized void setCardNotTaken(boolean notTaken) {
        cardNotTaken = notTaken;
    }

    /** The next SIM presented cannot be read: it stays at the IC station, the read fails with PROTOCOL_ERROR. */
    public synchronized void failNextIcRead() {
        failNextIcRead = true;
    }

    /**
     * A customer takes the card waiting at the gate while the kiosk is not asking (it was down): the card counts
     * as dispensed and its sale's card as taken, so that capturing it later fails as with the serial driver.
     *
     * @return whether there was a card at the gate
     */
    public synchronized boolean takeFromGate() {
        if (channel == null || channel.position() != Position.AT_GATE) return false;
        SaleId owner = channel.owner() != null ? channel.owner() : restoredOwner;
        channel = null;
        restoredOwner = null;
        dispensed++;
        if (owner != null) fates.put(owner, Fate.TAKEN);
        save();
        log.info("SIM dispenser simulator: the card at the gate was taken (sale {})", owner);
        return true;
    }

    /** Cards the customers took from the gate. */
    public synchronized int dispensed() {
        return dispensed;
    }

    /** Cards in the reject bin. */
    public synchronized int captured() {
        return captured;
    }

    /** Cards still in the stacker. */
    public synchronized int remaining() {
        return (int) stock.stream().filter(i -> !used.contains(i.value())).count();
    }

    /**
     * The operator loaded these SIMs into the stacker (a refill): ICCIDs it already knows are skipped. Clears
     * a simulated empty stacker. Kept in the state file.
     *
     * @return how many were new
     */
    public synchronized int load(List<Iccid> iccids) {
        int added = 0;
        for (Iccid i : iccids) {
            if (stock.stream().noneMatch(k -> k.value().equals(i.value()))) {
                stock.add(i);
                loaded.add(i.value());
                added++;
            }
        }
        stackerEmpty = false;
        save();
        settleUnlessBusy();
        log.info("SIM dispenser simulator: {} SIMs loaded, {} left", added, remaining());
        return added;
    }

    /** The first 10 digits of the ICCIDs made up for SIMs loaded by their count ({@link #loadUnscanned}). */
    public static final String UNSCANNED_PREFIX = "8981109960";

    /**
     * The operator loaded {@code count} SIMs without giving their ICCIDs (a box recorded by its count): new demo
     * ICCIDs ({@value #UNSCANNED_PREFIX}…, serials the stacker has not had) stand for them.
     *
     * @return how many were loaded
     */
    public synchronized int loadUnscanned(int count) {
        if (count < 1) throw new IllegalArgumentException("count must be positive: " + count);
        Set<String> known = new HashSet<>();
        for (Iccid i : stock) known.add(i.value());
        List<Iccid> made = new ArrayList<>();
        for (long serial = 0; made.size() < count; serial++) {
            String payload = UNSCANNED_PREFIX + String.format(Locale.ROOT, "%08d", serial);
            Iccid iccid = new Iccid(payload + Luhn.checkDigit(payload));
            if (!known.contains(iccid.value())) made.add(iccid);
        }
        return load(made);
    }

    /**
     * The operator emptied the reject bin: no card left in it, not full any more.
     *
     * @return the cards that were in it
     */
    public synchronized int emptyRejectBin() {
        int was = captured;
        captured = 0;
        rejectBinFull = false;
        save();
        settleUnlessBusy();
        return was;
    }

    // ------------------------------------------------------------------ SimDispenser

    @Override
    public HealthTracker healthTracker() {
        return tracker;
    }



    @Override
    public synchronized DeviceHealth poll() {
        return settle();
    }

    @Override
    public synchronized StockLevel stock() {
        int left = stackerEmpty ? 0 : remaining();
        return left == 0 ? StockLevel.EMPTY : left <= LOW_THRESHOLD ? StockLevel.LOW : StockLevel.ENOUGH;
    }

    @Override
    public ReadResult presentAndRead(SaleId sale) {
        pause();
        synchronized (this) {
            tracker.busy();
            try {
                if (fates.get(sale) == Fate.TAKEN) return new ReadResult.Failed(DeviceFault.NOT_READY);
                if (channel != null && !(sale.equals(channel.owner()) && channel.position() == Position.AT_IC)) {
                    log.warn("sale {}: a card is already in the channel; capture it first", sale);
                    return new ReadResult.Failed(DeviceFault.NOT_READY);
                }
                if (channel != null && channel.read()) return new ReadResult.Read(channel.iccid());
                if (channel == null) {
                    if (blocked()) return new ReadResult.Failed(fail(DeviceFault.MEDIA));
                    if (jammed()) return new ReadResult.Failed(DeviceFault.JAM);
                    Iccid next = stock.stream().filter(i -> !used.contains(i.value())).findFirst().orElseThrow();
                    used.add(next.value());
                    channel = new Channel(next, Position.AT_IC, sale, false);
                    save();
                }
                if (failNextIcRead) {
                    failNextIcRead = false;
                    log.warn("sale {}: SIM at the IC station unreadable (simulated)", sale);
                    return new ReadResult.Failed(DeviceFault.PROTOCOL_ERROR);
                }
                channel = new Channel(channel.iccid(), Position.AT_IC, sale, true);
                return new ReadResult.Read(channel.iccid());
            } finally {
                settleUnlessFailed();
            }
        }
    }

    @Override
    public DeviceOutcome dispenseToGate(SaleId sale) {
        pause();
        synchronized (this) {
            tracker.busy();
            try {
                if (fates.get(sale) == Fate.TAKEN) return DeviceOutcome.DONE;
                if (channel == null || !sale.equals(channel.owner()) || !channel.read()) {
                    log.warn("sale {}: no SIM of this sale has been read; nothing to dispense", sale);
                    return new DeviceOutcome.Failed(DeviceFault.NOT_READY);
                }
                if (channel.position() == Position.AT_GATE) return DeviceOutcome.DONE;
                if (jamNextMoveToGate) {
                    jamNextMoveToGate = false;
                    log.warn("SIM dispenser simulator: card jam on the way to the gate (simulated)");
                    return new DeviceOutcome.Failed(fail(DeviceFault.JAM));
                }
                if (jammed()) return new DeviceOutcome.Failed(DeviceFault.JAM);
                channel = new Channel(channel.iccid(), Position.AT_GATE, sale, true);
                save();
                return DeviceOutcome.DONE;
            } finally {
                settleUnlessFailed();
            }
        }
    }

    @Override
    public TakeResult awaitTaken(SaleId sale, Duration within) {
        synchronized (this) {
            if (fates.get(sale) == Fate.TAKEN) return TakeResult.TAKEN;
            if (channel == null || !sale.equals(channel.owner()) || channel.position() != Position.AT_GATE) {
                return TakeResult.NOT_TAKEN;
            }
        }
        // the simulated customer takes the card after the artificial delay, unless told not to
        boolean takes = !notTaken() && delay.compareTo(within) <= 0;
        if (!sleep(takes ? delay : within)) return TakeResult.NOT_TAKEN;
        synchronized (this) {
            if (!takes || channel == null || !sale.equals(channel.owner())) return TakeResult.NOT_TAKEN;
            channel = null;
            restoredOwner = null;
            dispensed++;
            fates.put(sale, Fate.TAKEN);
            save();
            return TakeResult.TAKEN;
        }
    }

    @Override
    public DeviceOutcome captureToRejectBin(SaleId sale) {
        pause();
        synchronized (this) {
            tracker.busy();
            try {
                Fate fate = fates.get(sale);
                if (fate == Fate.CAPTURED) return DeviceOutcome.DONE;
                if (fate == Fate.TAKEN) return new DeviceOutcome.Failed(DeviceFault.NOT_READY);
                if (channel == null) return DeviceOutcome.DONE;
                if (channel.owner() != null && !channel.owner().equals(sale)) {
                    log.warn("sale {}: the card in the channel belongs to sale {}", sale, channel.owner());
                    return new DeviceOutcome.Failed(DeviceFault.NOT_READY);
                }
                if (rejectBinFull) return new DeviceOutcome.Failed(fail(DeviceFault.MEDIA));
                if (jammed()) return new DeviceOutcome.Failed(DeviceFault.JAM);
                channel = null;
                restoredOwner = null;
                captured++;
                fates.put(sale, Fate.CAPTURED);
                save();
                return DeviceOutcome.DONE;
            } finally {
                settleUnlessFailed();
            }
        }
    }

    @Override
    public void close() {
        // nothing to release: the state is saved after every change
    }

    // ------------------------------------------------------------------ health

    private Set<MediaCondition> media() {
        EnumSet<MediaCondition> m = EnumSet.noneOf(MediaCondition.class);
        int left = stackerEmpty ? 0 : remaining();
        if (left == 0) m.add(MediaCondition.STACKER_EMPTY);
        else if (left <= LOW_THRESHOLD) m.add(MediaCondition.STACKER_LOW);
        if (rejectBinFull) m.add(MediaCondition.REJECT_BIN_FULL);
        return m;
    }

    private boolean blocked() {
        return media().stream().anyMatch(MediaCondition::blocksUse);
    }

    private DeviceHealth settle() {
        Set<MediaCondition> m = media();
        return blocked() ? tracker.error(DeviceFault.MEDIA, m) : tracker.ready(m);
    }

    private void settleUnlessFailed() {
        if (tracker.current().state() == DeviceState.BUSY) settle();
    }

    private void settleUnlessBusy() {
        if (tracker.current().state() != DeviceState.BUSY) settle();
    }

    /** Puts the device in error with {@code fault} and returns it. */
    private DeviceFault fail(DeviceFault fault) {
        tracker.error(fault, media());
        return fault;
    }

    /** Consumes a planned jam: true (and health ERROR(JAM)) when this movement jams. */
    private boolean jammed() {
        if (!jamNextMove) return false;
        jamNextMove = false;
        log.warn("SIM dispenser simulator: card jam (simulated)");
        fail(DeviceFault.JAM);
        return true;
    }

    private synchronized boolean notTaken() {
        return cardNotTaken;
    }

    private void pause() {
        sleep(delay);
    }

    /** Sleeps; false when interrupted. */
    private static boolean sleep(Duration d) {
        if (d.isZero() || d.isNegative()) return true;
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ------------------------------------------------------------------ files

    private static List<Iccid> loadStock(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SIM stock file " + file, e);
        }
        List<Iccid> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            Iccid iccid;
            try {
                iccid = new Iccid(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": not a valid ICCID: " + line, e);
            }
            if (!seen.add(iccid.value())) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": ICCID listed twice: " + line);
            }
            out.add(iccid);
        }
        return List.copyOf(out);
    }

    private void loadState() {
        Properties p = stateFile.load();
        try {
            for (String s : p.getProperty("used", "").split(",")) {
                if (!s.isBlank()) used.add(s.strip());
            }
            for (String s : p.getProperty("loaded", "").split(",")) {
                if (s.isBlank()) continue;
                Iccid i = new Iccid(s.strip());
                loaded.add(i.value());
                if (stock.stream().noneMatch(k -> k.value().equals(i.value()))) stock.add(i);
            }
            dispensed = Integer.parseInt(p.getProperty("dispensed", "0"));
            captured = Integer.parseInt(p.getProperty("captured", "0"));
            String position = p.getProperty("channel", "");
            if (!position.isEmpty()) {
                channel = new Channel(new Iccid(p.getProperty("channel.iccid", "")), Position.valueOf(position), null, false);
                String owner = p.getProperty("channel.sale", "");
                if (!owner.isEmpty()) restoredOwner = new SaleId(owner);
            }
            DeviceStateFile.decodeSales(p.getProperty("fates", ""), Fate.class, fates);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("damaged SIM dispenser state file " + stateFile.file() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes the state durably (see {@link DeviceStateFile#save}): a crash leaves the old state or the new one. */
    private void save() {
        Properties p = new Properties();
        p.setProperty("used", String.join(",", used));
        p.setProperty("loaded", String.join(",", loaded));
        p.setProperty("dispensed", Integer.toString(dispensed));
        p.setProperty("captured", Integer.toString(captured));
        if (channel != null) {
            p.setProperty("channel", channel.position().name());
            p.setProperty("channel.iccid", channel.iccid().value());
            SaleId owner = channel.owner() != null ? channel.owner() : restoredOwner;
            if (owner != null) p.setProperty("channel.sale", owner.value());
        }
        p.setProperty("fates", DeviceStateFile.encodeSales(fates));
        try {
            stateFile.save(p, "SIM dispenser simulator: SIMs that left the stacker, counters, card in the channel, fates of the latest sales");
        } catch (IOException e) {
            log.error("SIM dispenser simulator: cannot save its state to {}; a restart may repeat SIMs", stateFile.file(), e);
        }
    }
}
