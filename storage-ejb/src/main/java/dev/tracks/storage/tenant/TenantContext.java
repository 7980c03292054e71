package dev.tracks.storage.tenant;

import dev.tracks.storage.TenantId;
import dev.tracks.storage.TenantRequiredException;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The tenant of the current request. Every lookup, key, URL and delete of the service goes through
 * it, and it fails closed: with no tenant bound, {@link #current()} throws instead of falling back
 * to a default.
 *
 * <p>The web layer's tenant interceptor binds it from the authenticated principal; code that runs
 * outside a request (a batch job, a test) binds it itself.
 */
@RequestScoped
public class TenantContext {

    private TenantId tenant;

    /**
     * Returns the bound tenant.
     *
     * @throws TenantRequiredException if none is bound
     */
    public TenantId current() {
        return find().orElseThrow(() -> new TenantRequiredException(
                "No tenant is bound to this request: call it through a @TenantScoped entry point or bind TenantContext first"));
    }

    /**
     * Returns the bound tenant, or empty when none is.
     */
    public Optional<TenantId> find() {
        return Optional.ofNullable(tenant);
    }

    /**
     * Binds {@code tenant} for the rest of the request.
     */
    public void bind(TenantId tenant) {
        this.tenant = tenant;
    }

    /**
     * Unbinds the tenant, so later work in the same request cannot act for it by accident.
     */
    public void clear() {
        this.tenant = null;
    }
}
