package jp.simkiosk.application.port;

import jp.simkiosk.application.operator.ZReport;

/** Lays a close-of-day report out as a PDF at the receipt printer's paper width. */
public interface ZReportRenderer {
    byte[] render(ZReport report);
}
