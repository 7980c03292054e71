package dev.tracks.storage.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracks.storage.TenantId;
import dev.tracks.storage.config.StorageConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.security.Principal;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalPatternTenantResolverTest {

    private final TenantResolver defaultResolver = PrincipalPatternTenantResolver.of(Pattern.compile(StorageConfig.DEFAULT_TENANT_PATTERN));

    @Test
    void tenantIsThePartAfterTheAtSign() {
        assertThat(defaultResolver.resolve(principal("alice@acme"))).contains(new TenantId("acme"));
        assertThat(defaultResolver.resolve(principal("bob.smith@Acme_Corp-2"))).contains(new TenantId("Acme_Corp-2"));
    }

    @Test
    void nameWithoutAtSignHasNoTenant() {
        assertThat(defaultResolver.resolve(principal("alice"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@", "@acme", "alice@ac me", "alice@acme.com", "alice@-acme", "alice@../etc", "alice@acme/x",
        "alice@ümlaut"})
    void invalidTenantHasNoTenant(String name) {
        assertThat(defaultResolver.resolve(principal(name))).isEmpty();
    }

    @Test
    void tenantOfSixtyFourCharactersIsTheLongest() {
        String longest = "a".repeat(64);

        assertThat(defaultResolver.resolve(principal("alice@" + longest))).contains(new TenantId(longest));
        assertThat(defaultResolver.resolve(principal("alice@" + longest + "a"))).isEmpty();
    }

    @Test
    void customPatternReadsItsFirstGroup() {
        TenantResolver resolver = PrincipalPatternTenantResolver.of(Pattern.compile("([a-z]+)\\\\[a-z]+"));

        assertThat(resolver.resolve(principal("acme\\alice"))).contains(new TenantId("acme"));
        assertThat(resolver.resolve(principal("alice@acme"))).isEmpty();
    }

    @Test
    void customPatternMustMatchTheWholeName() {
        TenantResolver resolver = PrincipalPatternTenantResolver.of(Pattern.compile("tenant-([a-z]+)"));

        assertThat(resolver.resolve(principal("tenant-acme"))).contains(new TenantId("acme"));
        assertThat(resolver.resolve(principal("tenant-acme-extra"))).isEmpty();
        assertThat(resolver.resolve(principal("x-tenant-acme"))).isEmpty();
    }

    @Test
    void invalidCapturedTenantHasNoTenant() {
        TenantResolver resolver = PrincipalPatternTenantResolver.of(Pattern.compile("(.*)"));

        assertThat(resolver.resolve(principal("acme"))).contains(new TenantId("acme"));
        assertThat(resolver.resolve(principal("not a tenant"))).isEmpty();
        assertThat(resolver.resolve(principal(""))).isEmpty();
    }

    @Test
    void patternWithoutGroupHasNoTenant() {
        TenantResolver resolver = PrincipalPatternTenantResolver.of(Pattern.compile("[a-z]+"));

        assertThat(resolver.resolve(principal("acme"))).isEmpty();
    }

    @Test
    void unmatchedOptionalGroupHasNoTenant() {
        TenantResolver resolver = PrincipalPatternTenantResolver.of(Pattern.compile("[a-z]+(?:@([a-z]+))?"));

        assertThat(resolver.resolve(principal("alice@acme"))).contains(new TenantId("acme"));
        assertThat(resolver.resolve(principal("alice"))).isEmpty();
    }

    @Test
    void patternIsReadFromConfiguration() {
        StorageConfig config = new StorageConfig(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("storage.tenant.pattern", "([a-z]+):.*"), "test", 100))
                .build());

        TenantResolver resolver = new PrincipalPatternTenantResolver(config);

        assertThat(resolver.resolve(principal("acme:alice"))).contains(new TenantId("acme"));
        assertThat(resolver.resolve(principal("alice@acme"))).isEmpty();
    }

    private static Principal principal(String name) {
        return () -> name;
    }
}
