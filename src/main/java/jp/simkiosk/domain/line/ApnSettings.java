package jp.simkiosk.domain.line;

import java.util.Objects;

/**
 * The access point a phone needs to use a new data SIM, as printed on its receipt. The same for every SIM
 * a kiosk sells (they come from one operator's stock), so it is part of the kiosk's configuration.
 *
 * @param username empty when the APN needs none
 * @param password empty when the APN needs none
 */
public record ApnSettings(String name, String username, String password, Authentication authentication) {

    /** The authentication type phones offer in their APN settings. */
    public enum Authentication { NONE, PAP, CHAP, PAP_OR_CHAP }

    public ApnSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(authentication, "authentication");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,99}")) throw new IllegalArgumentException("not an APN name: " + name);
    }
}
