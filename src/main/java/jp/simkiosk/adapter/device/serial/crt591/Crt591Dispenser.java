package jp.simkiosk.adapter.device.serial.crt591;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import jp.simkiosk.adapter.device.DeviceStateFile;
import jp.simkiosk.adapter.device.serial.JsscSerialLink;
import jp.simkiosk.adapter.device.serial.SerialLink;
import jp.simkiosk.adapter.device.serial.SerialLinkException;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Apdu;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.CardPosition;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.Command;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.ErrorCode;
import jp.simkiosk.adapter.device.serial.crt591.Crt591Commands.StackerLevel;
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
import jp.simkiosk.domain.sale.SaleId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a Creator CRT-591 class card dispenser with an IC contact station over a serial link.
 *
 * <p>Every operation asks the device for its status first and acts on what it says, so that a repeated
 * call for the same sale never pushes a second card: the driver remembers which sale owns the card in the
 * channel and what became of each recent sale's card (moved to the IC station, sent to the gate, taken or
 * captured). A card whose ICCID cannot be read stays at the IC station; the caller captures it (or asks again
 * for the same sale, which reads the same card again without moving another).
 *
 * <p>That memory survives the driver's own restart: it is kept in {@value #STATE_FILE} in the data folder
 * ({@link DeviceStateFile}) and written durably <em>before</em> a card is moved to the IC station or the gate
 * (a driver that cannot write it moves nothing), and as soon as a card is seen taken or has been captured. After
 * a restart the gate may be empty because the customer took the card while the kiosk was down: so a capture
 * with an empty channel answers Done only for a sale whose card never went toward the gate, and "cannot tell"
 * (NOT_READY) for a sale whose card was sent to the gate or that the driver has no record of — the caller must
 * then assume the card may be in the customer's hand.
 *
 * <p>Every exchange has a time-out. A time-out or a corrupt exchange leaves health ERROR, a failing port
 * OFFLINE; either way the next call or poll re-initializes the device first. The device refusing a
 * command leaves ERROR with the fault of its error code (see {@link Crt591Commands.ErrorCode}); an empty
 * stacker or a full reject bin shows as ERROR(MEDIA) with the media condition. Thread-safe: one command at
 * a time. {@link #awaitTaken} takes the lock only for each status poll, so polls from elsewhere go on.
 */
public final class Crt591Dispenser implements SimDispenser, TrackedDevice {

    private static final Logger log = LoggerFactory.getLogger(Crt591Dispenser.class);

    /** How many sales' card fates are remembered (in memory and in the state file) for repeated calls. */
    private static final int REMEMBERED_SALES = 64;

    /** The state file's name in the data folder. */
    public static final String STATE_FILE = "crt591-dispenser-state.properties";

    /**
     * @param address           the device's address on the line (usually 0)
     * @param ackTimeout        how long the device may take to acknowledge a command
     * @param replyTimeout      how long the device may take to answer a command, including card movements
     * @param takenPollInterval how often {@link #awaitTaken} asks whether the card is still at the gate
     */
    public record Settings(int address, Duration ackTimeout, Duration replyTimeout, Duration takenPollInterval) {
        public Settings {
            if (address < 0 || address > 0xFF) throw new IllegalArgumentException("address " + address);
            Objects.requireNonNull(ackTimeout);
            Objects.requireNonNull(replyTimeout);
            Objects.requireNonNull(takenPollInterval);
        }

        /** Address 0, {@code timeout} for every acknowledgement and answer, the gate polled every 200 ms. */
        public static Settings withTimeout(Duration timeout) {
            return new Settings(Crt591Commands.DEFAULT_ADDRESS, timeout, timeout, Duration.ofMillis(200));
        }
    }

    /**
     * The card in the channel and the sale it belongs to; {@code iccid} is null until it has been read (and after a
     * restart: only the owner and the position are kept in the state file).
     */
    private record Channel(SaleId owner, CardPosition position, Iccid iccid) {}

    /** What the driver last did with, or saw of, a sale's card. */
    private enum Fate {
        /** A card for the sale was to be moved to the IC station (written before the move): it never went toward the gate. */
        AT_IC,
        /** The sale's card was to be moved to the gate (written before the move): from then on it may be taken. */
        AT_GATE,
        /** The customer took it from the gate. */
        TAKEN,
        /** It went to the reject bin. */
        CAPTURED
    }

    private final SerialLink link;
    private final Crt591Protocol protocol;
    private final Settings settings;
    private final HealthTracker tracker;
    private final DeviceStateFile stateFile;

    // guarded by this
    private boolean needsInit = true;
    private Set<MediaCondition> media = Set.of();
    private StackerLevel stacker;
    private Channel channel;
    private final Map<SaleId, Fate> fates = DeviceStateFile.recentSales(REMEMBERED_SALES);

    /**
     * A driver on an open link; it talks to the device at the first call or poll. What it remembers of the latest
     * sales is read from, and kept in, {@code dataDir}/{@value #STATE_FILE}.
     *
     * @throws IllegalArgumentException when the state file is damaged
     * @throws java.io.UncheckedIOException when it cannot be read
     */
    public Crt591Dispenser(SerialLink link, Clock clock, Settings settings, Path dataDir) {
        this.link = Objects.requireNonNull(link);
        this.settings = Objects.requireNonNull(settings);
        this.protocol = new Crt591Protocol(link, settings.address(), settings.ackTimeout());
        this.tracker = new HealthTracker(DeviceRole.SIM_DISPENSER, clock);
        this.stateFile = new DeviceStateFile(dataDir, STATE_FILE);
        loadState();
    }

    /**
     * Opens {@code port} (8N1 at {@code baud}) and returns a driver on it, its state kept in {@code dataDir}.
     *
     * @throws SerialLinkException CANNOT_OPEN naming the device and the port
     */
    public static Crt591Dispenser open(String port, int baud, Clock clock, Settings settings, Path dataDir)
            throws SerialLinkException {
        try {
            return new Crt591Dispenser(JsscSerialLink.open(port, baud), clock, settings, dataDir);
        } catch (SerialLinkException e) {
            throw new SerialLinkException(SerialLinkException.Kind.CANNOT_OPEN,
                    "SIM dispenser (CRT-591): cannot open serial port " + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public HealthTracker healthTracker() {
        return tracker;
    }



    @Override
    public synchronized DeviceHealth poll() {
        try {
            status();
            return settle();
        } catch (Failure f) {
            return tracker.current();
        }
    }

    /** The stacker level of a fresh status, or the last one known when the device does not answer. */
    @Override
    public synchronized StockLevel stock() {
        poll();
        if (stacker == null) return StockLevel.EMPTY;
        return switch (stacker) {
            case EMPTY -> StockLevel.EMPTY;
            case LOW -> StockLevel.LOW;
            case ENOUGH -> StockLevel.ENOUGH;
        };
    }

    @Override
    public synchronized ReadResult presentAndRead(SaleId sale) {
        tracker.busy();
        try {
            if (fates.get(sale) == Fate.TAKEN) {
                log.warn("sale {}: its SIM was already taken; not presenting another", sale);
                return new ReadResult.Failed(DeviceFault.NOT_READY);
            }
            if (ownedBy(sale) && channel.iccid() != null && channel.position() == CardPosition.AT_IC) {
                return new ReadResult.Read(channel.iccid());
            }
            CardPosition position = status().position();
            if (!(ownedBy(sale) && position == CardPosition.AT_IC)) {
                if (position != CardPosition.EMPTY) {
                    log.warn("sale {}: a card ({}) is already in the channel at {}; capture it first", sale,
                            channel == null ? "owner unknown" : "sale " + channel.owner(), position);
                    return new ReadResult.Failed(DeviceFault.NOT_READY);
                }
                if (blocked()) return new ReadResult.Failed(DeviceFault.MEDIA);
                if (!remember(sale, Fate.AT_IC, new Channel(sale, CardPosition.AT_IC, null))) {
                    return new ReadResult.Failed(DeviceFault.NOT_READY);
                }
                send(Command.MOVE_TO_IC, new byte[0]);
            }
            Iccid iccid = readIccid();
            channel = new Channel(sale, CardPosition.AT_IC, iccid);
            log.info("sale {}: SIM {} at the IC station", sale, iccid.masked());
            return new ReadResult.Read(iccid);
        } catch (Failure f) {
            return new ReadResult.Failed(f.fault);
        } finally {
            settleIfBusy();
        }
    }

    @Override
    public synchronized DeviceOutcome dispenseToGate(SaleId sale) {
        tracker.busy();
        try {
            if (fates.get(sale) == Fate.TAKEN) return DeviceOutcome.DONE;
            if (!ownedBy(sale) || channel.iccid() == null) {
                log.warn("sale {}: no SIM of this sale has been read; nothing to dispense", sale);
                return new DeviceOutcome.Failed(DeviceFault.NOT_READY);
            }
            if (channel.position() == CardPosition.AT_GATE) return DeviceOutcome.DONE;
            CardPosition position = status().position();
            if (position == CardPosition.AT_IC) {
                // from here the card may reach the customer: say so before it moves
                if (!remember(sale, Fate.AT_GATE, channel)) return new DeviceOutcome.Failed(DeviceFault.NOT_READY);
                send(Command.DISPENSE_TO_GATE, new byte[0]);
            } else if (position == CardPosition.EMPTY) {
                log.warn("sale {}: the channel is empty, the SIM is gone", sale);
                channel = null;
                save();
                return new DeviceOutcome.Failed(DeviceFault.NOT_READY);
            }
            channel = new Channel(sale, CardPosition.AT_GATE, channel.iccid());
            save();
            return DeviceOutcome.DONE;
        } catch (Failure f) {
            return new DeviceOutcome.Failed(f.fault);
        } finally {
            settleIfBusy();
        }
    }

    @Override
    public TakeResult awaitTaken(SaleId sale, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            synchronized (this) {
                if (fates.get(sale) == Fate.TAKEN) return TakeResult.TAKEN;
                if (!ownedBy(sale) || channel.position() != CardPosition.AT_GATE) return TakeResult.NOT_TAKEN;
                try {
                    CardPosition position = status().position();
                    settle();
                    if (position == CardPosition.EMPTY) {
                        fates.put(sale, Fate.TAKEN);
                        channel = null;
                        save();
                        log.info("sale {}: SIM taken", sale);
                        return TakeResult.TAKEN;
                    }
                    if (position == CardPosition.AT_IC) {
                        channel = new Channel(sale, position, channel.iccid());
                        return TakeResult.NOT_TAKEN;
                    }
                } catch (Failure f) {
                    return TakeResult.NOT_TAKEN;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) return TakeResult.NOT_TAKEN;
            try {
                Thread.sleep(Math.max(1, Math.min(settings.takenPollInterval().toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return TakeResult.NOT_TAKEN;
            }
        }
    }

    @Override
    public synchronized DeviceOutcome captureToRejectBin(SaleId sale) {
        tracker.busy();
        try {
            Fate fate = fates.get(sale);
            if (fate == Fate.CAPTURED) return DeviceOutcome.DONE;
            if (fate == Fate.TAKEN) {
                log.warn("sale {}: the customer took the SIM; nothing to capture", sale);
                return new DeviceOutcome.Failed(DeviceFault.NOT_READY);
            }
            CardPosition position = status().position();
            if (position == CardPosition.EMPTY) {
                if (ownedBy(sale)) channel = null;
                if (fate == Fate.AT_GATE) {
                    // sent to the gate and gone: taken, maybe while the kiosk was down (or captured just before a crash)
                    fates.put(sale, Fate.TAKEN);
                    save();
                    log.info("sale {}: SIM gone from the gate before it could be captured: it may have been taken", sale);
                    return new DeviceOutcome.Failed(DeviceFault.NOT_READY);
                }
                save();
                if (fate == null) {
                    log.warn("sale {}: no record of this sale's card and the channel is empty: cannot tell where it is", sale);
                    return new DeviceOutcome.Failed(DeviceFault.NOT_READY);
                }
                return DeviceOutcome.DONE; // it never went toward the gate: nothing of this sale can be outside
            }
            if (channel != null && !ownedBy(sale)) {
                log.warn("sale {}: the card in the channel belongs to sale {}", sale, channel.owner());
                return new DeviceOutcome.Failed(DeviceFault.NOT_READY);
            }
            send(Command.CAPTURE, new byte[0]);
            fates.put(sale, Fate.CAPTURED);
            channel = null;
            save();
            log.info("sale {}: SIM captured to the reject bin", sale);
            return DeviceOutcome.DONE;
        } catch (Failure f) {
            return new DeviceOutcome.Failed(f.fault);
        } finally {
            settleIfBusy();
        }
    }

    @Override
    public void close() {
        link.close();
    }

    // ------------------------------------------------------------------ state file

    /**
     * Notes, durably, that the sale's card is about to be moved ({@code fate}) and who owns the channel then. A
     * state that cannot be written moves nothing: the caller fails the call (logged for the operator).
     */
    private boolean remember(SaleId sale, Fate fate, Channel next) {
        Fate before = fates.get(sale);
        Channel was = channel;
        fates.put(sale, fate);
        channel = next;
        try {
            write();
            return true;
        } catch (IOException e) {
            if (before == null) {
                fates.remove(sale);
            } else {
                fates.put(sale, before);
            }
            channel = was;
            log.error("sale {}: SIM dispenser state cannot be written to {}; no card is moved", sale, stateFile.file(), e);
            return false;
        }
    }

    /** Writes what the driver knows after a card moved or was seen gone; a failure is logged (the card has moved). */
    private void save() {
        try {
            write();
        } catch (IOException e) {
            log.error("SIM dispenser state cannot be written to {}; after a restart a card may be reported as "
                    + "\"cannot tell\"", stateFile.file(), e);
        }
    }

    private void write() throws IOException {
        Properties p = new Properties();
        if (channel != null) {
            p.setProperty("channel.sale", channel.owner().value());
            p.setProperty("channel.position", channel.position().name());
        }
        p.setProperty("fates", DeviceStateFile.encodeSales(fates));
        stateFile.save(p, "CRT-591 SIM dispenser: the sale owning the card in the channel; what became of each "
                + "latest sale's card (AT_IC, AT_GATE, TAKEN, CAPTURED)");
    }

    private void loadState() {
        Properties p = stateFile.load();
        try {
            DeviceStateFile.decodeSales(p.getProperty("fates", ""), Fate.class, fates);
            String owner = p.getProperty("channel.sale", "");
            if (!owner.isEmpty()) {
                channel = new Channel(new SaleId(owner), CardPosition.valueOf(p.getProperty("channel.position")), null);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("damaged SIM dispenser state file " + stateFile.file() + ": "
                    + e.getMessage(), e);
        }
        if (channel != null) log.info("SIM dispenser: the card in the channel was sale {}'s ({})", channel.owner(),
                channel.position());
    }

    // ------------------------------------------------------------------ ICCID

    /** Powers the card at the IC station, reads EF_ICCID, powers it off. */
    private Iccid readIccid() throws Failure {
        send(Command.IC_ACTIVATE, new byte[0]);
        Iccid iccid = null;
        Failure cardFailure = null;
        try {
            transmit(Apdu.SELECT_MF.bytes());
            transmit(Apdu.SELECT_EF_ICCID.bytes());
            byte[] content = transmit(Apdu.READ_ICCID.bytes());
            iccid = IccidFile.decode(content).orElse(null);
            if (content.length != Crt591Commands.ICCID_FILE_LENGTH || iccid == null) {
                throw Failure.card("EF_ICCID holds no valid ICCID (" + content.length + " bytes)");
            }
        } catch (Failure f) {
            if (!f.cardOnly) throw f;
            cardFailure = f;
        }
        send(Command.IC_DEACTIVATE, new byte[0]);
        if (cardFailure != null) {
            log.warn("SIM at the IC station unreadable: {}", cardFailure.getMessage());
            throw cardFailure;
        }
        return iccid;
    }

    /** Sends an APDU to the SIM and returns its answer's data, fetching it with GET RESPONSE on {@code 9F xx}. */
    private byte[] transmit(byte[] apdu) throws Failure {
        byte[] answer = send(Command.IC_APDU, apdu).data();
        int sw = statusWord(answer);
        if (sw >>> 8 == Crt591Commands.SW1_RESPONSE_WAITING) {
            answer = send(Command.IC_APDU, Apdu.getResponse(sw & 0xFF)).data();
            sw = statusWord(answer);
        }
        if (sw != Crt591Commands.SW_OK) {
            throw Failure.card(String.format("SIM answered %04X to %02X %02X", sw, apdu[0], apdu[1]));
        }
        return Arrays.copyOf(answer, answer.length - 2);
    }

    private static int statusWord(byte[] answer) throws Failure {
        if (answer.length < 2) throw Failure.card("SIM answer of " + answer.length + " bytes");
        return (answer[answer.length - 2] & 0xFF) << 8 | (answer[answer.length - 1] & 0xFF);
    }

    // ------------------------------------------------------------------ exchanges and health

    /** Re-initializes if needed, then asks for the status. */
    private Crt591Reply.Positive status() throws Failure {
        return send(Command.STATUS, new byte[0]);
    }

    /**
     * One command, preceded by INITIALIZE when the device needs it. Failures update health: the caller only
     * turns them into a result.
     */
    private Crt591Reply.Positive send(Command command, byte[] data) throws Failure {
        if (needsInit) {
            needsInit = false; // set again by a failure that calls for another initialization
            exchange(Command.INITIALIZE, new byte[0]);
            log.info("SIM dispenser initialized on {}", link.portName());
        }
        return exchange(command, data);
    }

    private Crt591Reply.Positive exchange(Command command, byte[] data) throws Failure {
        Crt591Reply reply;
        try {
            reply = protocol.exchange(command, data, settings.replyTimeout());
        } catch (SerialLinkException e) {
            needsInit = true;
            if (e.kind() == SerialLinkException.Kind.TIMEOUT) {
                log.warn("SIM dispenser: {} timed out: {}", command, e.getMessage());
                tracker.error(DeviceFault.TIMEOUT, media);
                throw new Failure(DeviceFault.TIMEOUT, false, e.getMessage());
            }
            log.warn("SIM dispenser: {} failed, port gone: {}", command, e.getMessage());
            tracker.offline();
            throw new Failure(DeviceFault.PORT_UNAVAILABLE, false, e.getMessage());
        } catch (Crt591ProtocolException e) {
            needsInit = true;
            log.warn("SIM dispenser: {}: {}", command, e.getMessage());
            tracker.error(DeviceFault.PROTOCOL_ERROR, media);
            throw new Failure(DeviceFault.PROTOCOL_ERROR, false, e.getMessage());
        }
        if (reply instanceof Crt591Reply.Negative n) {
            ErrorCode code = ErrorCode.of(n.errorCode());
            String why = command + " refused with error " + n.errorCode() + " (" + code + ")";
            log.warn("SIM dispenser: {}", why);
            switch (code.scope()) {
                case DEVICE -> {
                    needsInit = true;
                    tracker.error(code.fault(), media);
                }
                case MEDIA -> {
                    EnumSet<MediaCondition> more = EnumSet.noneOf(MediaCondition.class);
                    more.addAll(media);
                    code.media().ifPresent(more::add);
                    media = Set.copyOf(more);
                    tracker.error(code.fault(), media);
                }
                case CARD -> { /* the device is fine; the card is not */ }
            }
            throw new Failure(code.fault(), code.scope() == Crt591Commands.Scope.CARD, why);
        }
        Crt591Reply.Positive p = (Crt591Reply.Positive) reply;
        observe(p);
        return p;
    }

    /** Takes the stacker and reject bin state of an answer. */
    private void observe(Crt591Reply.Positive p) {
        stacker = p.stacker();
        EnumSet<MediaCondition> m = EnumSet.noneOf(MediaCondition.class);
        if (p.stacker() == StackerLevel.EMPTY) m.add(MediaCondition.STACKER_EMPTY);
        if (p.stacker() == StackerLevel.LOW) m.add(MediaCondition.STACKER_LOW);
        if (p.rejectBinFull()) m.add(MediaCondition.REJECT_BIN_FULL);
        media = Set.copyOf(m);
    }

    private boolean blocked() {
        return media.stream().anyMatch(MediaCondition::blocksUse);
    }

    private boolean ownedBy(SaleId sale) {
        return channel != null && channel.owner().equals(sale);
    }

    /** Health after a good answer: ready, or in error for a consumable that blocks use. */
    private DeviceHealth settle() {
        return blocked() ? tracker.error(DeviceFault.MEDIA, media) : tracker.ready(media);
    }

    /** Ends an operation: a failure has set health already; otherwise the device is ready again. */
    private void settleIfBusy() {
        if (tracker.current().state() == DeviceState.BUSY) settle();
    }

    /** Why an operation stopped; health has been updated where it was noticed. */
    private static final class Failure extends Exception {
        final DeviceFault fault;
        /** Only this card is at fault (it cannot be read); the device is fine. */
        final boolean cardOnly;

        Failure(DeviceFault fault, boolean cardOnly, String message) {
            super(message, null, false, false);
            this.fault = fault;
            this.cardOnly = cardOnly;
        }

        static Failure card(String message) {
            return new Failure(DeviceFault.PROTOCOL_ERROR, true, message);
        }
    }
}
