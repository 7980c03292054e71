package dev.tracks.storage;

import java.util.regex.Pattern;

/**
 * The tenant that owns a blob, such as {@code acme}. Every row, key, lookup and URL is scoped to
 * one; there is no default tenant.
 *
 * @param value 1 to 64 ASCII letters, digits, {@code _} or {@code -}, starting with a letter or
 *     digit, so it can be part of a storage key as it is
 */
public record TenantId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /**
     * Checks the identifier.
     *
     * @throws TenantRequiredException if the value is missing or not a valid tenant identifier
     */
    public TenantId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new TenantRequiredException("Tenant id '" + value + "' is invalid: use 1 to 64 letters, digits, '_' or '-',"
                    + " starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
