package dev.tracks.storage.tenant;

import dev.tracks.storage.TenantId;
import dev.tracks.storage.TenantRequiredException;
import dev.tracks.storage.config.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tenant from the principal's name with the regular expression in
 * {@code storage.tenant.pattern}: the first capturing group of a full match is the tenant. The
 * default pattern maps {@code alice@acme} to {@code acme}.
 */
@ApplicationScoped
public class PrincipalPatternTenantResolver implements TenantResolver {

    private Pattern pattern;

    protected PrincipalPatternTenantResolver() {
        // For CDI's client proxy.
    }

    @Inject
    public PrincipalPatternTenantResolver(StorageConfig config) {
        this.pattern = config.tenantPattern();
    }

    /**
     * Creates a resolver for {@code pattern}, outside CDI.
     */
    public static PrincipalPatternTenantResolver of(Pattern pattern) {
        PrincipalPatternTenantResolver resolver = new PrincipalPatternTenantResolver();
        resolver.pattern = pattern;
        return resolver;
    }

    @Override
    public Optional<TenantId> resolve(Principal principal) {
        Matcher matcher = pattern.matcher(principal.getName());
        if (!matcher.matches() || matcher.groupCount() < 1 || matcher.group(1) == null) {
            return Optional.empty();
        }

        try {
            return Optional.of(new TenantId(matcher.group(1)));
        } catch (TenantRequiredException invalidTenant) {
            return Optional.empty();
        }
    }
}
