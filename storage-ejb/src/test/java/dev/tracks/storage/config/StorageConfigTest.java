package dev.tracks.storage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.DriverConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageConfigTest {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final long MIB = 1024L * 1024;

    @Test
    void everyKeyHasItsDefault() {
        StorageConfig config = configOf();

        assertThat(config.driver()).isEqualTo("disk");
        assertThat(config.diskRoot()).isEqualTo(Path.of("data/storage"));
        assertThat(config.diskEndpoint()).isEqualTo(URI.create("storage/disk/"));
        assertThat(config.urlExpiry()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.signingSecret()).isEmpty();
        assertThat(config.previousSigningSecrets()).isEmpty();
        assertThat(config.tenantPattern().pattern()).isEqualTo(StorageConfig.DEFAULT_TENANT_PATTERN);
        assertThat(config.directUploadExpiry()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.signedIdExpiry()).isEqualTo(Duration.ofDays(7));
        assertThat(config.allowedContentTypes()).containsExactly("*/*");
        assertThat(config.sweeperEnabled()).isTrue();
        assertThat(config.sweeperInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(config.pendingTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.unattachedGrace()).isEqualTo(Duration.ofHours(24));
        assertThat(config.servingMode()).isEqualTo(ServingMode.REDIRECT);
    }

    @Test
    void uploadLimitsHaveTheirDefaults() {
        UploadLimits limits = configOf().uploadLimits();

        assertThat(limits.maxFileSize()).isEqualTo(5 * GIB);
        assertThat(limits.maxRequestSize()).isEqualTo(5 * GIB + MIB);
        assertThat(limits.maxParts()).isEqualTo(10);
        assertThat(limits.maxPartHeaderSize()).isEqualTo(8192);
        assertThat(limits.partName()).isEqualTo("file");
    }

    @Test
    void configuredValuesAreRead() {
        StorageConfig config = configOf(
                "storage.driver", "s3",
                "storage.disk.root", "/var/lib/storage",
                "storage.url.expiry", "PT1H",
                "storage.signing.secret", "0123456789abcdef0123456789abcdef",
                "storage.tenant.pattern", "tenant-([a-z]+)");

        assertThat(config.driver()).isEqualTo("s3");
        assertThat(config.diskRoot()).isEqualTo(Path.of("/var/lib/storage"));
        assertThat(config.urlExpiry()).isEqualTo(Duration.ofHours(1));
        assertThat(config.signingSecret()).contains("0123456789abcdef0123456789abcdef");
        assertThat(config.tenantPattern().pattern()).isEqualTo("tenant-([a-z]+)");
    }

    @Test
    void configuredUploadLimitsAreRead() {
        UploadLimits limits = configOf(
                "storage.upload.max-file-size", "1000",
                "storage.upload.max-request-size", "2000",
                "storage.upload.max-parts", "3",
                "storage.upload.max-part-header-size", "512",
                "storage.upload.part-name", "attachment").uploadLimits();

        assertThat(limits).isEqualTo(new UploadLimits(1000, 2000, 3, 512, "attachment"));
    }

    @Test
    void requestSizeDefaultFollowsTheFileSize() {
        UploadLimits limits = configOf("storage.upload.max-file-size", "1000").uploadLimits();

        assertThat(limits.maxRequestSize()).isEqualTo(1000 + MIB);
    }

    @Test
    void blankValueMeansTheDefault() {
        StorageConfig config = configOf("storage.driver", "  ", "storage.url.expiry", " ");

        assertThat(config.driver()).isEqualTo("disk");
        assertThat(config.urlExpiry()).isEqualTo(Duration.ofMinutes(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5m", "300", "PT0S", "-PT5M"})
    void invalidUrlExpiryNamesTheKey(String value) {
        StorageConfig config = configOf("storage.url.expiry", value);

        assertThatThrownBy(config::urlExpiry)
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageContaining("storage.url.expiry")
                .hasMessageContaining("PT5M");
    }

    @ParameterizedTest
    @ValueSource(strings = {"storage.direct-upload.expiry", "storage.signed-id.expiry", "storage.sweeper.interval",
        "storage.sweeper.pending-ttl", "storage.sweeper.unattached-grace"})
    void invalidDurationNamesTheKey(String key) {
        StorageConfig invalid = configOf(key, "24h");
        StorageConfig zero = configOf(key, "PT0S");

        assertThatThrownBy(() -> durationOf(invalid, key))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageContaining(key + " '24h' is invalid");
        assertThatThrownBy(() -> durationOf(zero, key))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageContaining(key);
    }

    @Test
    void sweeperAndServingValuesAreRead() {
        StorageConfig config = configOf(
                "storage.sweeper.enabled", "FALSE",
                "storage.sweeper.pending-ttl", "PT2H",
                "storage.serving.mode", "Proxy",
                "storage.upload.content-types", "image/*,application/pdf");

        assertThat(config.sweeperEnabled()).isFalse();
        assertThat(config.pendingTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(config.servingMode()).isEqualTo(ServingMode.PROXY);
        assertThat(config.allowedContentTypes()).containsExactly("image/*", "application/pdf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", "truee"})
    void invalidSweeperSwitchNamesTheKey(String value) {
        StorageConfig config = configOf("storage.sweeper.enabled", value);

        assertThatThrownBy(config::sweeperEnabled)
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageContaining("storage.sweeper.enabled '" + value + "' is invalid")
                .hasMessageContaining("true or false");
    }

    @Test
    void invalidServingModeNamesTheKey() {
        StorageConfig config = configOf("storage.serving.mode", "stream");

        assertThatThrownBy(config::servingMode)
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageContaining("storage.serving.mode 'stream' is invalid")
                .hasMessageContaining("'redirect' or 'proxy'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "5GB", "1.5"})
    void invalidMaxFileSizeNamesTheKey(String value) {
        StorageConfig config = configOf("storage.upload.max-file-size", value);

        assertThatThrownBy(config::uploadLimits)
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageContaining("storage.upload.max-file-size '" + value + "' is invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"storage.upload.max-request-size", "storage.upload.max-parts", "storage.upload.max-part-header-size"})
    void negativeUploadLimitNamesTheKey(String key) {
        StorageConfig config = configOf(key, "-5");

        assertThatThrownBy(config::uploadLimits)
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageContaining(key);
    }

    @Test
    void diskEndpointIsRelativeWithoutBaseUrl() {
        URI endpoint = configOf().diskEndpoint();

        assertThat(endpoint.isAbsolute()).isFalse();
        assertThat(endpoint).isEqualTo(URI.create("storage/disk/"));
    }

    @Test
    void diskEndpointLiesUnderTheBaseUrl() {
        assertThat(configOf("storage.disk.base-url", "https://example.com/app/").diskEndpoint())
                .isEqualTo(URI.create("https://example.com/app/storage/disk/"));
        assertThat(configOf("storage.disk.base-url", "http://localhost:9080/").diskEndpoint())
                .isEqualTo(URI.create("http://localhost:9080/storage/disk/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/", "/app/", "https://example.com/app", "https://example.com", "http://exa mple.com/"})
    void invalidBaseUrlNamesTheKey(String value) {
        StorageConfig config = configOf("storage.disk.base-url", value);

        assertThatThrownBy(config::diskEndpoint)
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageContaining("storage.disk.base-url")
                .hasMessageContaining("ending in '/'");
    }

    @Test
    void invalidTenantPatternNamesTheKey() {
        StorageConfig config = configOf("storage.tenant.pattern", "(");

        assertThatThrownBy(config::tenantPattern)
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageContaining("storage.tenant.pattern '(' is not a valid regular expression");
    }

    @Test
    void previousSecretsAreACommaSeparatedList() {
        StorageConfig config = configOf("storage.signing.previous-secrets", "first-old-secret,second-old-secret");

        assertThat(config.previousSigningSecrets()).containsExactly("first-old-secret", "second-old-secret");
    }

    @Test
    void singlePreviousSecretIsAListOfOne() {
        StorageConfig config = configOf("storage.signing.previous-secrets", "only-old-secret");

        assertThat(config.previousSigningSecrets()).containsExactly("only-old-secret");
    }

    @Test
    void configBehindTheSettingsIsExposedForDrivers() {
        StorageConfig config = configOf("storage.s3.bucket", "uploads");

        assertThat(config.config().getValue("storage.s3.bucket", String.class)).isEqualTo("uploads");
    }

    private static Duration durationOf(StorageConfig config, String key) {
        return switch (key) {
            case "storage.direct-upload.expiry" -> config.directUploadExpiry();
            case "storage.signed-id.expiry" -> config.signedIdExpiry();
            case "storage.sweeper.interval" -> config.sweeperInterval();
            case "storage.sweeper.pending-ttl" -> config.pendingTtl();
            case "storage.sweeper.unattached-grace" -> config.unattachedGrace();
            default -> throw new IllegalArgumentException("No accessor for " + key);
        };
    }

    /** Builds the settings on a SmallRye config that holds only {@code keyValues}, never the environment. */
    static StorageConfig configOf(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return new StorageConfig(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 100))
                .build());
    }
}
