package jp.simkiosk.application.port;

import java.util.List;
import jp.simkiosk.domain.line.Iccid;

/**
 * The physical side of the operator's stock work, for devices that cannot sense it themselves: the SIM
 * simulator learns the SIMs loaded into its stacker and that its bin was emptied, the printer simulator
 * that paper was loaded. Real devices sense all three; their implementation does nothing (and cannot tell how
 * many cards were in the bin: the kiosk's own count from the journal, {@code SimStock}, stands in).
 */
public interface Consumables {

    void simsLoaded(List<Iccid> iccids);

    /** SIMs loaded without their ICCIDs (a box recorded by its count): the SIM simulator makes up new ones. */
    void simsLoaded(int count);

    /** @return how many cards were in the bin, when the device knows; -1 otherwise */
    int rejectBinEmptied();

    void paperReplaced();
}
