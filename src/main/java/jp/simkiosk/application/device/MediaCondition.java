package jp.simkiosk.application.device;

/** Conditions of a device's consumables. Some make the device unusable (see {@link #blocksUse()}). */
public enum MediaCondition {
    PAPER_NEAR_END(false),
    PAPER_OUT(true),
    COVER_OPEN(true),
    STACKER_LOW(false),
    STACKER_EMPTY(true),
    REJECT_BIN_FULL(true);

    private final boolean blocksUse;

    MediaCondition(boolean blocksUse) {
        this.blocksUse = blocksUse;
    }

    public boolean blocksUse() {
        return blocksUse;
    }
}
