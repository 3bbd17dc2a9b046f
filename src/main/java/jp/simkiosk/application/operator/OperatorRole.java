package jp.simkiosk.application.operator;

/** What an operator may do: daily tasks, or those plus device settings and data export. */
public enum OperatorRole {
    OPERATOR,
    TECHNICIAN;

    /** Technicians may do everything an operator may. */
    public boolean allows(OperatorRole needed) {
        return this == TECHNICIAN || needed == OPERATOR;
    }
}
