package jp.simkiosk.ui;

import java.util.Arrays;
import java.util.Objects;

/**
 * A text to show, kept as its key and arguments rather than as a string, so that it is shown again in
 * the new language when the customer switches. An argument may be a message itself, worded in the same language.
 */
public record Message(String key, Object... args) {
    public Message {
        Objects.requireNonNull(key);
        args = args.clone();
    }

    @Override
    public Object[] args() {
        return args.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && key.equals(m.key) && Arrays.equals(args, m.args);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return key + Arrays.toString(args);
    }
}
