package jp.simkiosk.application.operator;

import java.util.Objects;

/** A member of staff who may enter maintenance mode, as configured ({@code operators:} in kiosk.yaml). */
public record Operator(String name, OperatorRole role, PinHash pinHash) {
    public Operator {
        Objects.requireNonNull(name);
        Objects.requireNonNull(role);
        Objects.requireNonNull(pinHash);
        if (name.isBlank()) throw new IllegalArgumentException("operator name is blank");
    }
}
