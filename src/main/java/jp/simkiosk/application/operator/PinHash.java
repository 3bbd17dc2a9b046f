package jp.simkiosk.application.operator;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 hash of an operator PIN, as written in the configuration:
 * {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}. PINs themselves are never stored.
 */
public record PinHash(int iterations, byte[] salt, byte[] hash) {

    /** The fewest iterations a configured hash may use. */
    public static final int MIN_ITERATIONS = 100_000;
    /** What {@link #of} uses. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    public PinHash {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("PIN hash needs at least " + MIN_ITERATIONS + " iterations, has " + iterations);
        }
        Objects.requireNonNull(salt);
        Objects.requireNonNull(hash);
        if (salt.length < 8) throw new IllegalArgumentException("PIN hash salt shorter than 8 bytes");
        if (hash.length != HASH_BITS / 8) throw new IllegalArgumentException("PIN hash is not 32 bytes");
        salt = salt.clone();
        hash = hash.clone();
    }

    /** Hashes a PIN with a fresh random salt. */
    public static PinHash of(String pin, SecureRandom random) {
        checkPin(pin);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PinHash(DEFAULT_ITERATIONS, salt, derive(pin, salt, DEFAULT_ITERATIONS));
    }

    /** Reads the configuration form. */
    public static PinHash parse(String text) {
        String[] parts = Objects.requireNonNull(text).split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a " + PREFIX + "$iterations$salt$hash PIN hash");
        }
        try {
            return new PinHash(Integer.parseInt(parts[1]), Base64.getDecoder().decode(parts[2]),
                    Base64.getDecoder().decode(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PIN hash iterations is not a number: " + parts[1], e);
        }
    }

    /** Whether {@code pin} is the PIN this hash was made of (constant-time comparison). */
    public boolean matches(String pin) {
        if (pin == null || pin.isEmpty()) return false;
        return MessageDigest.isEqual(hash, derive(pin, salt, iterations));
    }

    /** A PIN is 4 to 8 digits. */
    public static void checkPin(String pin) {
        if (pin == null || !pin.matches("[0-9]{4,8}")) throw new IllegalArgumentException("a PIN is 4 to 8 digits");
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** The configuration form. */
    @Override
    public String toString() {
        return PREFIX + "$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PinHash p && p.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
