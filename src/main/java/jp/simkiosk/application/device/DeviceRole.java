package jp.simkiosk.application.device;

/** The three devices of the kiosk. */
public enum DeviceRole { CARD_READER, RECEIPT_PRINTER, SIM_DISPENSER }
