package jp.simkiosk.adapter.device.serial.mdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jp.simkiosk.adapter.device.serial.JsscSerialLink;
import jp.simkiosk.adapter.device.serial.SerialLinkException;
import jp.simkiosk.adapter.device.serial.SocatPtyPair;
import jp.simkiosk.application.device.DeviceFault;
import jp.simkiosk.application.device.DeviceHealth;
import jp.simkiosk.application.device.DeviceState;
import jp.simkiosk.application.port.DeviceOutcome;
import jp.simkiosk.application.port.PaymentTerminal.AuthorizationResult;
import jp.simkiosk.application.port.PaymentTerminal.DeclineReason;
import jp.simkiosk.domain.money.Yen;
import jp.simkiosk.domain.sale.CardApproval;
import jp.simkiosk.domain.sale.SaleId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * {@link MdbCardReader} through jssc over a socat pty pair, against {@link MdbBridgePeer} speaking the
 * bridge's side line by line. Needs socat (see {@link SocatPtyPair}).
 */
class MdbCardReaderTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(800);
    private static final Duration PAYMENT_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Yen PRICE = Yen.of(1430);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T03:00:00Z"), ZoneOffset.UTC);

    private SocatPtyPair pair;
    private MdbBridgePeer peer;
    private MdbCardReader reader;
    private final List<DeviceHealth> events = new CopyOnWriteArrayList<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeEach
    void plugIn() throws Exception {
        pair = SocatPtyPair.start();
        peer = MdbBridgePeer.start(pair.deviceEnd());
        reader = new MdbCardReader(JsscSerialLink.open(pair.kioskEnd(), 115_200), CLOCK, COMMAND_TIMEOUT, PAYMENT_TIMEOUT);
        reader.addHealthListener(events::add);
    }

    @AfterEach
    void unplugAll() throws Exception {
        background.shutdownNow();
        reader.close();
        peer.close();
        pair.close();
    }

    private static SaleId sale(int n) {
        return new SaleId(String.format("%08x-0000-4000-8000-%012d", n, n));
    }

    private List<DeviceState> states() {
        return events.stream().map(DeviceHealth::state).toList();
    }

    private Future<AuthorizationResult> authorizeInBackground(SaleId sale) throws InterruptedException {
        Future<AuthorizationResult> f = background.submit(() -> reader.authorize(sale, PRICE));
        assertThat(peer.awaitReceived("D,REQ,1430,1", 1, WAIT)).as("vend request reached the bridge").isTrue();
        return f;
    }

    // ------------------------------------------------------------------ happy path

    @Test
    void approvesAndCompletes_exactBytesOnTheWire() {
        SaleId sale = sale(1);

        AuthorizationResult r = reader.authorize(sale, PRICE);

        assertThat(r).isEqualTo(new AuthorizationResult.Approved(new CardApproval("CARD", "****", "M00000001000")));
        assertThat(reader.health().state()).as("the session stays open until complete or void").isEqualTo(DeviceState.BUSY);
        assertThat(reader.complete(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(reader.health().state()).isEqualTo(DeviceState.READY);
        assertThat(new String(peer.receivedBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("D,2\nD,READER,1\nD,REQ,1430,1\nD,END\n");
        assertThat(states()).containsExactly(DeviceState.READY, DeviceState.BUSY, DeviceState.READY);
    }

    @Test
    void takesCardDetailsFromTheExtensionLine() {
        peer.nextVend("d,CARD,visa,4242,AB12CD", "d,STATUS,RESULT,1,{amount}");

        assertThat(reader.authorize(sale(2), PRICE)).isEqualTo(
                new AuthorizationResult.Approved(new CardApproval("VISA", "**** **** **** 4242", "AB12CD")));
    }

    @Test
    void acceptsCrLfLineEnds() {
        peer.crlf(true);
        peer.nextVend("d,CARD,JCB,0005,Z9", "d,STATUS,RESULT,1,{amount}");

        assertThat(reader.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(reader.authorize(sale(3), PRICE))
                .isEqualTo(new AuthorizationResult.Approved(new CardApproval("JCB", "**** **** **** 0005", "Z9")));
        assertThat(reader.voidAuthorization(sale(3))).isEqualTo(DeviceOutcome.DONE);
    }

    @Test
    void pollAsksForStatusOnceReady() {
        assertThat(reader.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(reader.poll().state()).isEqualTo(DeviceState.READY);

        assertThat(peer.receivedLines()).containsExactly("D,2", "D,READER,1", "D,READER,1");
        assertThat(states()).containsExactly(DeviceState.READY);
    }

    @Test
    void staleLinesAreDrainedBeforeAPoll() throws Exception {
        reader.poll();
        peer.sendRaw("d,STATUS,RESET\n");
        Thread.sleep(500); // let the stale line arrive

        assertThat(reader.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.count("D,2")).isEqualTo(1);
    }

    @Test
    void reinitializesWhenTheBridgeResetByItself() {
        reader.poll();
        peer.answerNext("D,READER,1", "d,STATUS,RESET", "d,STATUS,INIT,1");

        assertThat(reader.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.receivedLines()).containsExactly("D,2", "D,READER,1", "D,READER,1", "D,2", "D,READER,1");
    }

    // ------------------------------------------------------------------ other customer outcomes

    @Test
    void declined_thenTheSameSaleMayTryAgain() {
        peer.nextVend("d,STATUS,RESULT,-1");

        assertThat(reader.authorize(sale(4), PRICE)).isEqualTo(new AuthorizationResult.Declined(DeclineReason.DECLINED));
        assertThat(reader.health().state()).isEqualTo(DeviceState.READY);
        assertThat(reader.authorize(sale(4), PRICE)).isInstanceOf(AuthorizationResult.Approved.class);
        assertThat(peer.count("D,REQ,1430,1")).isEqualTo(2);
    }

    @Test
    void customerCancelsAtTheReader() {
        peer.nextVend("d,STATUS,IDLE");

        assertThat(reader.authorize(sale(5), PRICE)).isEqualTo(new AuthorizationResult.CancelledByCustomer());
        assertThat(reader.health().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.count("D,REQ,-1")).isZero();
    }

    @Test
    void cancelPendingFromAnotherThread() throws Exception {
        peer.nextVend(); // the customer never presents a card
        Future<AuthorizationResult> result = authorizeInBackground(sale(6));

        reader.cancelPending();

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(new AuthorizationResult.CancelledByCustomer());
        assertThat(peer.count("D,REQ,-1")).isEqualTo(1);
        assertThat(reader.health().state()).isEqualTo(DeviceState.READY);
    }

    @Test
    void approvalThatCrossesTheCancelIsReversed() throws Exception {
        peer.nextVend();
        peer.answerNext("D,REQ,-1", "d,STATUS,RESULT,1,{amount}");
        Future<AuthorizationResult> result = authorizeInBackground(sale(7));

        reader.cancelPending();

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(new AuthorizationResult.CancelledByCustomer());
        assertThat(peer.receivedLines()).endsWith("D,REQ,-1", "D,END,-1");
        assertThat(reader.complete(sale(7))).as("nothing to complete").isEqualTo(new DeviceOutcome.Failed(DeviceFault.SESSION_LOST));
        assertThat(peer.count("D,END")).isZero();
    }

    @Test
    void paymentTimeOutCancelsTheVend() {
        peer.nextVend();

        assertThat(reader.authorize(sale(8), PRICE)).isEqualTo(new AuthorizationResult.TimedOut());
        assertThat(peer.receivedLines()).endsWith("D,REQ,1430,1", "D,REQ,-1");
        assertThat(reader.health().state()).isEqualTo(DeviceState.READY);
    }

    @Test
    void pollDuringAWaitingAuthorizationSendsNothing() throws Exception {
        peer.nextVend();
        Future<AuthorizationResult> result = authorizeInBackground(sale(9));

        assertThat(reader.poll().state()).isEqualTo(DeviceState.BUSY);
        reader.cancelPending();
        result.get(5, TimeUnit.SECONDS);
        assertThat(peer.count("D,READER,1")).isEqualTo(1);
    }

    // ------------------------------------------------------------------ faults

    @ParameterizedTest
    @ValueSource(strings = {"d,STATUS,RESULT,1,abc", "hello", "d,STATUS,VEND", "d,CARD,VISA,42,X", "d,STATUS,RESULT,1,1430,1"})
    void malformedLineIsAProtocolError_thenReinitialized(String line) throws Exception {
        peer.nextVend(line);

        assertThat(reader.authorize(sale(10), PRICE)).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.PROTOCOL_ERROR));
        assertThat(reader.health().fault()).contains(DeviceFault.PROTOCOL_ERROR);
        assertThat(peer.awaitReceived("D,REQ,-1", 1, WAIT)).as("the vend is cancelled").isTrue();
        assertThat(reader.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.count("D,2")).isEqualTo(2);
    }

    @Test
    void lateAnswerBeforeTheResetIsSkipped() {
        peer.answerNext("D,2", "d,STATUS,IDLE", "d,STATUS,RESET", "d,STATUS,INIT,1");

        assertThat(reader.poll().state()).isEqualTo(DeviceState.READY);
    }

    @Test
    void wrongAnswersToTheResetAreProtocolErrors() {
        peer.answerNext("D,2", "hello");
        peer.answerNext("D,2", "d,STATUS,RESET", "d,STATUS,IDLE");

        assertThat(reader.poll().fault()).contains(DeviceFault.PROTOCOL_ERROR);
        assertThat(reader.poll().fault()).contains(DeviceFault.PROTOCOL_ERROR);
        assertThat(reader.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.count("D,2")).isEqualTo(3);
    }

    @Test
    void overlongLineIsAProtocolError() throws Exception {
        peer.nextVend();
        Future<AuthorizationResult> result = authorizeInBackground(sale(11));
        peer.sendRaw("d," + "9".repeat(300));

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.PROTOCOL_ERROR));
    }

    @Test
    void approvedAmountThatDiffersIsReversed() {
        peer.nextVend("d,STATUS,RESULT,1,999");

        assertThat(reader.authorize(sale(12), PRICE)).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.PROTOCOL_ERROR));
        assertThat(peer.receivedLines()).endsWith("D,REQ,1430,1", "D,END,-1");
        assertThat(reader.health().state()).isEqualTo(DeviceState.ERROR);
        assertThat(reader.complete(sale(12))).isEqualTo(new DeviceOutcome.Failed(DeviceFault.SESSION_LOST));
    }

    @Test
    void aFullCardNumberIsRefusedAndNeverLogged() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger driverLog = (Logger) LoggerFactory.getLogger(MdbCardReader.class);
        Level before = driverLog.getLevel();
        driverLog.setLevel(Level.DEBUG);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            peer.nextVend("d,CARD,VISA,4111111111111111,AB12", "d,STATUS,RESULT,1,{amount}");

            AuthorizationResult r = reader.authorize(sale(13), PRICE);

            assertThat(r).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.PROTOCOL_ERROR));
            assertThat(logs.list).isNotEmpty();
            assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("1111"));
        } finally {
            root.detachAppender(logs);
            driverLog.setLevel(before);
        }
    }

    @Test
    void silentBridgeAtInit_errorThenReinitializedWhenItAnswers() {
        peer.silent(true);

        DeviceHealth h = reader.poll();
        assertThat(h.state()).isEqualTo(DeviceState.ERROR);
        assertThat(h.fault()).contains(DeviceFault.TIMEOUT);
        assertThat(reader.authorize(sale(14), PRICE)).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.TIMEOUT));

        peer.silent(false);
        assertThat(reader.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.count("D,2")).isEqualTo(3);
        assertThat(states()).containsExactly(DeviceState.ERROR, DeviceState.READY);
        assertThat(reader.authorize(sale(14), PRICE)).isInstanceOf(AuthorizationResult.Approved.class);
    }

    @Test
    void silentBridgeAtComplete_saleLeftToTheBackOffice_readerReinitialized() {
        SaleId sale = sale(15);
        assertThat(reader.authorize(sale, PRICE)).isInstanceOf(AuthorizationResult.Approved.class);
        peer.silent(true);

        assertThat(reader.complete(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.TIMEOUT));
        assertThat(reader.health().fault()).contains(DeviceFault.TIMEOUT);
        peer.silent(false);
        assertThat(reader.complete(sale)).as("uncertain: never sent twice").isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(reader.voidAuthorization(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(peer.count("D,END")).isEqualTo(1);
        assertThat(reader.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.count("D,2")).isEqualTo(2);
    }

    @Test
    void unpluggedMidCommand_offline_thenReopenedWhenPluggedBack() throws Exception {
        AtomicReference<String> port = new AtomicReference<>(pair.kioskEnd());
        reader.close();
        reader = new MdbCardReader(JsscSerialLink.open(port.get(), 115_200), () -> JsscSerialLink.open(port.get(), 115_200),
                CLOCK, COMMAND_TIMEOUT, PAYMENT_TIMEOUT);
        reader.addHealthListener(events::add);
        peer.nextVend();
        Future<AuthorizationResult> result = authorizeInBackground(sale(16));

        pair.unplug();

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.PORT_UNAVAILABLE));
        assertThat(reader.health().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(reader.poll().state()).as("still unplugged").isEqualTo(DeviceState.OFFLINE);

        peer.close();
        pair.close();
        pair = SocatPtyPair.start();
        peer = MdbBridgePeer.start(pair.deviceEnd());
        port.set(pair.kioskEnd());

        assertThat(reader.poll().state()).isEqualTo(DeviceState.READY);
        assertThat(peer.receivedLines()).containsExactly("D,2", "D,READER,1");
        assertThat(reader.authorize(sale(16), PRICE)).isInstanceOf(AuthorizationResult.Approved.class);
    }

    // ------------------------------------------------------------------ idempotency per sale

    @Test
    void completeIsSentOnce_voidAfterCompleteRefused() {
        SaleId sale = sale(17);
        AuthorizationResult first = reader.authorize(sale, PRICE);

        assertThat(reader.authorize(sale, PRICE)).as("a retried authorize charges nothing more").isEqualTo(first);
        assertThat(reader.complete(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(reader.complete(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(reader.voidAuthorization(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(reader.authorize(sale, PRICE)).isEqualTo(first);
        assertThat(reader.authorize(sale, Yen.of(999))).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.NOT_READY));

        assertThat(peer.count("D,REQ,1430,1")).isEqualTo(1);
        assertThat(peer.count("D,END")).isEqualTo(1);
        assertThat(peer.count("D,END,-1")).isZero();
    }

    @Test
    void voidIsSentOnce_completeAfterVoidRefused() {
        SaleId sale = sale(18);
        reader.authorize(sale, PRICE);

        assertThat(reader.voidAuthorization(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(reader.voidAuthorization(sale)).isEqualTo(DeviceOutcome.DONE);
        assertThat(reader.complete(sale)).isEqualTo(new DeviceOutcome.Failed(DeviceFault.NOT_READY));
        assertThat(reader.authorize(sale, PRICE)).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.NOT_READY));

        assertThat(peer.count("D,END,-1")).isEqualTo(1);
        assertThat(peer.count("D,END")).isZero();
        assertThat(peer.count("D,REQ,1430,1")).isEqualTo(1);
    }

    @Test
    void unknownSaleCannotBeSettled() {
        reader.poll();

        assertThat(reader.complete(sale(19))).isEqualTo(new DeviceOutcome.Failed(DeviceFault.SESSION_LOST));
        assertThat(reader.voidAuthorization(sale(19))).isEqualTo(new DeviceOutcome.Failed(DeviceFault.SESSION_LOST));
        assertThat(peer.receivedLines()).containsExactly("D,2", "D,READER,1");
    }

    @Test
    void afterARestartTheReaderHasLostTheSessionOfASaleApprovedBeforeAndSaysSo() throws Exception {
        assertThat(reader.authorize(sale(30), PRICE)).isInstanceOf(AuthorizationResult.Approved.class);

        // the kiosk restarts: a new driver on the port resets the reader, which ends every vend session
        reader.close();
        reader = new MdbCardReader(JsscSerialLink.open(pair.kioskEnd(), 115_200), CLOCK, COMMAND_TIMEOUT, PAYMENT_TIMEOUT);
        assertThat(reader.poll().state()).isEqualTo(DeviceState.READY);

        assertThat(reader.complete(sale(30))).isEqualTo(new DeviceOutcome.Failed(DeviceFault.SESSION_LOST));
        assertThat(reader.voidAuthorization(sale(30))).isEqualTo(new DeviceOutcome.Failed(DeviceFault.SESSION_LOST));
        assertThat(peer.count("D,END")).isZero();
        assertThat(peer.count("D,END,-1")).isZero();
        assertThat(reader.health().state()).as("the reader itself is fine").isEqualTo(DeviceState.READY);
    }

    @Test
    void secondSaleWaitsUntilTheFirstIsSettled() {
        reader.authorize(sale(20), PRICE);

        assertThat(reader.authorize(sale(21), PRICE)).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.NOT_READY));
        reader.complete(sale(20));
        assertThat(reader.authorize(sale(21), PRICE)).isInstanceOf(AuthorizationResult.Approved.class);
    }

    // ------------------------------------------------------------------ opening and closing

    @Test
    void portThatCannotBeOpenedNamesTheDeviceAndThePort() {
        assertThatThrownBy(() -> MdbCardReader.open("/dev/ttyNO-SUCH-BRIDGE", 115_200, CLOCK, COMMAND_TIMEOUT, PAYMENT_TIMEOUT))
                .isInstanceOf(SerialLinkException.class)
                .hasMessageContaining("card reader")
                .hasMessageContaining("/dev/ttyNO-SUCH-BRIDGE")
                .satisfies(e -> assertThat(((SerialLinkException) e).kind()).isEqualTo(SerialLinkException.Kind.CANNOT_OPEN));
    }

    @Test
    void closeDisablesTheReader() throws Exception {
        MdbCardReader opened = MdbCardReader.open(pair.kioskEnd(), 115_200, CLOCK, COMMAND_TIMEOUT, PAYMENT_TIMEOUT);
        reader.close();
        reader = opened;
        assertThat(reader.poll().state()).isEqualTo(DeviceState.READY);

        reader.close();

        assertThat(peer.awaitReceived("D,READER,0", 2, WAIT)).as("one from each closed reader").isTrue();
        assertThat(reader.health().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(reader.authorize(sale(22), PRICE)).isEqualTo(new AuthorizationResult.DeviceError(DeviceFault.NOT_READY));
        assertThat(Optional.of(reader.poll().state())).contains(DeviceState.OFFLINE);
    }
}
