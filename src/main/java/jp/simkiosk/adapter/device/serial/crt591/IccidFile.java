package jp.simkiosk.adapter.device.serial.crt591;

import java.util.Optional;
import jp.simkiosk.domain.line.Iccid;

/**
 * Decodes the content of a SIM's EF_ICCID: 10 bytes of BCD with the nibbles of each byte swapped (the
 * low nibble is the first digit), padded with {@code F}.
 */
final class IccidFile {

    private IccidFile() {}

    /** The ICCID in {@code content}, or empty when it is not BCD, badly padded, or fails the Luhn check. */
    static Optional<Iccid> decode(byte[] content) {
        StringBuilder digits = new StringBuilder(content.length * 2);
        boolean padding = false;
        for (byte b : content) {
            for (int nibble : new int[] {b & 0x0F, (b >>> 4) & 0x0F}) {
                if (nibble == 0x0F) {
                    padding = true;
                } else if (padding || nibble > 9) {
                    return Optional.empty();
                } else {
                    digits.append((char) ('0' + nibble));
                }
            }
        }
        try {
            return Optional.of(new Iccid(digits.toString()));
        } catch (IllegalArgumentException notAnIccid) {
            return Optional.empty();
        }
    }
}
