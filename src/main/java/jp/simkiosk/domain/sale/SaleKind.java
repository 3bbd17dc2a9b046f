package jp.simkiosk.domain.sale;

/** What a sale sells. */
public enum SaleKind { RENEWAL, NEW_SIM, NEW_ESIM }
