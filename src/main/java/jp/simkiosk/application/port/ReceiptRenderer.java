package jp.simkiosk.application.port;

import jp.simkiosk.domain.receipt.Receipt;

/** Lays a receipt out as a document for the printer (a PDF at the printer's paper width). */
public interface ReceiptRenderer {
    ReceiptDocument render(Receipt receipt);
}
