package dev.tracks.storage.it.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user of the test server's basic registry.
 *
 * @param name the principal's name, whose part after '@' is the tenant
 * @param password the registry password
 */
public record User(String name, String password) {

    /** A user of tenant {@code acme}. */
    public static final User ALICE = new User("alice@acme", "alice");

    /** A user of tenant {@code globex}. */
    public static final User BOB = new User("bob@globex", "bob");

    /** An authenticated user whose name maps to no tenant. */
    public static final User NOBODY = new User("nobody", "nobody");

    /**
     * Returns the {@code Authorization} header value for HTTP Basic authentication.
     */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
