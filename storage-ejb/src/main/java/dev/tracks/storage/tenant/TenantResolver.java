package dev.tracks.storage.tenant;

import dev.tracks.storage.TenantId;
import java.security.Principal;
import java.util.Optional;

/**
 * Maps an authenticated principal to its tenant.
 *
 * <p>The default, {@link PrincipalPatternTenantResolver}, reads the tenant from the principal's
 * name. An application with another scheme (a database lookup, a JWT claim) provides its own
 * implementation as a CDI alternative, for example
 * {@code @Alternative @Priority(Interceptor.Priority.APPLICATION) @ApplicationScoped}.
 */
public interface TenantResolver {

    /**
     * Returns the tenant of {@code principal}, or empty when it belongs to none; an empty result
     * is refused with 403, never replaced by a default.
     */
    Optional<TenantId> resolve(Principal principal);
}
