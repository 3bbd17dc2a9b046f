package jp.simkiosk.domain.plan;

/** Whether a line lives on a physical SIM card or an eSIM profile. */
public enum LineForm { PHYSICAL_SIM, ESIM }
