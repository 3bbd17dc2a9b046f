package jp.simkiosk.application.port;

import java.util.Objects;

/** A rendered receipt: the PDF the renderer made, named by the sale's reference. */
public record ReceiptDocument(String reference, byte[] pdf) {
    public ReceiptDocument {
        Objects.requireNonNull(reference);
        Objects.requireNonNull(pdf);
        pdf = pdf.clone();
    }

    @Override
    public byte[] pdf() {
        return pdf.clone();
    }
}
