package jp.simkiosk.application.port;

import jp.simkiosk.domain.receipt.Receipt;
import jp.simkiosk.domain.receipt.RefundSlip;

/** Lays a receipt or a refund slip out as a document for the printer (a PDF at the printer's paper width). */
public interface ReceiptRenderer {

    ReceiptDocument render(Receipt receipt);

    /** The slip of a paid sale that was not delivered, named by the sale's reference like its receipt would be. */
    ReceiptDocument renderRefundSlip(RefundSlip slip);
}
