package dev.tracks.storage.web;

import dev.tracks.storage.AuthenticationRequiredException;
import dev.tracks.storage.TenantId;
import dev.tracks.storage.TenantRequiredException;
import dev.tracks.storage.tenant.TenantContext;
import dev.tracks.storage.tenant.TenantResolver;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.security.Principal;
import java.util.Optional;

/**
 * Binds the tenant of the request's authenticated principal around every {@link TenantScoped}
 * call, and restores the previous binding afterwards so nested scoped calls cannot unbind their
 * caller's tenant.
 *
 * <p>The {@code @Priority} enables it for the whole application without a beans.xml entry, early
 * enough that the application's own interceptors already see the tenant.
 */
@TenantScoped
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 10)
public class TenantInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    // The container injects proxies, which are what gets serialized if a passivating bean is intercepted.
    @Inject
    transient HttpServletRequest request;

    @Inject
    transient TenantResolver resolver;

    @Inject
    transient TenantContext tenants;

    @AroundInvoke
    public Object bindTenant(InvocationContext invocation) throws Exception {
        TenantId tenant = resolveCaller();
        Optional<TenantId> previous = tenants.find();

        tenants.bind(tenant);
        try {
            return invocation.proceed();
        } finally {
            previous.ifPresentOrElse(tenants::bind, tenants::clear);
        }
    }

    private TenantId resolveCaller() {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            throw new AuthenticationRequiredException("Authentication required: sign in, for example with HTTP Basic credentials");
        }

        return resolver.resolve(principal).orElseThrow(() -> new TenantRequiredException(
                "User '" + principal.getName() + "' belongs to no tenant: check storage.tenant.pattern or the application's TenantResolver"));
    }
}
