package jp.simkiosk.adapter.device.serial.mdb;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.simkiosk.domain.money.Yen;

/**
 * The one table of every line the kiosk exchanges with the MDB-to-serial bridge (Qibixx-style ASCII, the
 * kiosk acting as the vending controller and the card reader as the MDB cashless device). Keep this table
 * in step with the bridge's manual; {@link MdbCardReader} holds only the logic.
 *
 * <p>Lines are ASCII, fields separated by commas; the kiosk ends its lines with {@code "\n"} and accepts
 * {@code "\n"} or {@code "\r\n"} from the bridge.
 *
 * <table>
 * <caption>Kiosk to bridge</caption>
 * <tr><th>line</th><th>meaning</th><th>MDB</th></tr>
 * <tr><td>{@code D,2}</td><td>reset and initialize the cashless device</td><td>RESET, SETUP</td></tr>
 * <tr><td>{@code D,READER,1}</td><td>enable the reader; also used as the status poll</td><td>READER ENABLE</td></tr>
 * <tr><td>{@code D,READER,0}</td><td>disable the reader (on close)</td><td>READER DISABLE</td></tr>
 * <tr><td>{@code D,REQ,<yen>,<item>}</td><td>vend request, amount in whole yen</td><td>{@code 13 00}</td></tr>
 * <tr><td>{@code D,REQ,-1}</td><td>cancel the pending vend request</td><td>{@code 13 01}</td></tr>
 * <tr><td>{@code D,END}</td><td>vend success: the charge stands</td><td>{@code 13 02}, {@code 13 04}</td></tr>
 * <tr><td>{@code D,END,-1}</td><td>vend failure: the charge is reversed in the session</td><td>{@code 13 03}, {@code 13 04}</td></tr>
 * </table>
 *
 * <table>
 * <caption>Bridge to kiosk</caption>
 * <tr><th>line</th><th>meaning</th></tr>
 * <tr><td>{@code d,STATUS,RESET}</td><td>reset seen (may be followed by more RESET lines)</td></tr>
 * <tr><td>{@code d,STATUS,INIT,1}</td><td>the cashless device answered SETUP</td></tr>
 * <tr><td>{@code d,STATUS,IDLE}</td><td>enabled and idle; after {@code D,END}, {@code D,END,-1} or {@code D,REQ,-1}
 *     the session is over. Received after {@code d,STATUS,VEND} and before a result, it means the customer
 *     cancelled at the reader (MDB session cancel / end session).</td></tr>
 * <tr><td>{@code d,STATUS,VEND}</td><td>the vend request is accepted; the reader waits for the card</td></tr>
 * <tr><td>{@code d,STATUS,RESULT,1,<yen>}</td><td>approved for that amount (MDB {@code 05})</td></tr>
 * <tr><td>{@code d,STATUS,RESULT,-1}</td><td>denied (MDB {@code 06})</td></tr>
 * <tr><td>{@code d,CARD,<brand>,<last4>,<approval>}</td><td><b>project extension, optional</b>: card details a bridge
 *     may send after {@code d,STATUS,VEND} and before {@code d,STATUS,RESULT,1}. brand 1–16 letters, digits or
 *     spaces; last4 exactly four digits (a longer number is refused, never kept); approval 1–12 letters or
 *     digits. Without it the kiosk records brand {@code CARD}, masked number {@code ****} and an approval
 *     code derived from the sale id.</td></tr>
 * </table>
 */
final class MdbCommands {

    /** End of every line the kiosk sends. */
    static final String LINE_END = "\n";

    // ------------------------------------------------------------------ kiosk → bridge
    static final String RESET = "D,2";
    static final String READER_ENABLE = "D,READER,1";
    static final String READER_DISABLE = "D,READER,0";
    /** Vend request: amount in whole yen, then the item (selection) number. */
    static final String VEND_REQUEST = "D,REQ,%d,%d";
    static final String VEND_CANCEL = "D,REQ,-1";
    static final String VEND_SUCCESS = "D,END";
    static final String VEND_FAILURE = "D,END,-1";

    /** The MDB item (selection) number the kiosk reports for every vend: it sells one plan per vend. */
    static final int ITEM_NUMBER = 1;

    // ------------------------------------------------------------------ bridge → kiosk
    static final String STATUS_RESET = "d,STATUS,RESET";
    static final String STATUS_INIT_DONE = "d,STATUS,INIT,1";
    static final String STATUS_IDLE = "d,STATUS,IDLE";
    static final String STATUS_VEND = "d,STATUS,VEND";
    static final String RESULT_APPROVED_PREFIX = "d,STATUS,RESULT,1,";
    static final String RESULT_DENIED = "d,STATUS,RESULT,-1";
    static final String CARD_PREFIX = "d,CARD,";

    /** Longest line the kiosk accepts from the bridge; anything longer is a protocol error. */
    static final int MAX_LINE = 128;

    private static final Pattern APPROVED = Pattern.compile("d,STATUS,RESULT,1,(\\d{1,9})");
    private static final Pattern CARD = Pattern.compile("d,CARD,([A-Za-z0-9 ]{1,16}),(\\d{4}),([A-Za-z0-9]{1,12})");

    private MdbCommands() {
    }

    /** The bytes of a command line, terminator included. */
    static byte[] line(String command) {
        return (command + LINE_END).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code D,REQ,<yen>,<item>}. */
    static String vendRequest(Yen amount) {
        if (amount.amount() <= 0) throw new IllegalArgumentException("a vend request needs a positive amount: " + amount);
        return String.format(java.util.Locale.ROOT, VEND_REQUEST, amount.amount(), ITEM_NUMBER);
    }

    /** What a line from the bridge says. Lines are given without their terminator. */
    sealed interface Answer {
        record Reset() implements Answer {}
        record InitDone() implements Answer {}
        record Idle() implements Answer {}
        record VendAccepted() implements Answer {}
        record Approved(long yen) implements Answer {}
        record Denied() implements Answer {}
        /** The optional card-details extension; never more than the last four digits. */
        record Card(String brand, String last4, String approvalCode) implements Answer {}
        /** Not a line of this table (or a card line that breaks its rules); its text is not kept. */
        record Unknown() implements Answer {}
    }

    static Answer parse(String line) {
        switch (line) {
            case STATUS_RESET:
                return new Answer.Reset();
            case STATUS_INIT_DONE:
                return new Answer.InitDone();
            case STATUS_IDLE:
                return new Answer.Idle();
            case STATUS_VEND:
                return new Answer.VendAccepted();
            case RESULT_DENIED:
                return new Answer.Denied();
            default:
                break;
        }
        if (line.startsWith(RESULT_APPROVED_PREFIX)) {
            Matcher m = APPROVED.matcher(line);
            return m.matches() ? new Answer.Approved(Long.parseLong(m.group(1))) : new Answer.Unknown();
        }
        if (line.startsWith(CARD_PREFIX)) {
            Matcher m = CARD.matcher(line);
            return m.matches()
                    ? new Answer.Card(m.group(1).toUpperCase(java.util.Locale.ROOT), m.group(2), m.group(3))
                    : new Answer.Unknown();
        }
        return new Answer.Unknown();
    }

    /**
     * A line safe to log: lines of the table as they are; anything else with every digit replaced by
     * {@code #} and cut short, so that a card number a faulty bridge sends never reaches a log.
     */
    static String forLog(String line) {
        if (line.startsWith(CARD_PREFIX)) return CARD_PREFIX + "…";
        Answer a = parse(line);
        if (!(a instanceof Answer.Unknown)) return line;
        String masked = line.replaceAll("\\d", "#");
        return masked.length() > 40 ? masked.substring(0, 40) + "…" : masked;
    }
}
