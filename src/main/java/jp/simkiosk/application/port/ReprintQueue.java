package jp.simkiosk.application.port;

import java.util.List;
import jp.simkiosk.domain.sale.Sale;

/**
 * The sales whose customer did not get their paper (receipt or refund slip): the printer failed, or the
 * kiosk restarted before it printed. An operator screen offers to reprint them; printing the sale's
 * document again ({@code RECEIPT_PRINTED}) takes it off the list.
 */
public interface ReprintQueue {

    /** Oldest first. */
    List<Sale> toReprint();
}
