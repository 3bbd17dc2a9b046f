/**
 * QR codes that read back: a small library-like helper over ZXing shared by the screens ({@code ui}) and the
 * receipts ({@code adapter/receipt/pdf}). It knows nothing of the kiosk's layers and depends only on ZXing and
 * SLF4J (enforced by the layer rules test).
 */
package jp.simkiosk.qr;
