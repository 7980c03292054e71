package dev.tracks.storage.config;

import dev.tracks.storage.DriverConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.eclipse.microprofile.config.Config;

/**
 * The {@code storage.*} settings, read through MicroProfile Config so system properties,
 * environment variables ({@code STORAGE_DRIVER}) and {@code microprofile-config.properties} all
 * work. Each accessor applies the documented default and fails with
 * {@link DriverConfigurationException} naming the key when a value is invalid.
 */
@ApplicationScoped
public class StorageConfig {

    /** Default lifetime of download URLs. */
    public static final Duration DEFAULT_URL_EXPIRY = Duration.ofMinutes(5);

    /** Default largest file: 5 GiB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 5L * 1024 * 1024 * 1024;

    /** Default tenant pattern: the part after the one {@code @} of the principal's name, as in {@code alice@acme}. */
    public static final String DEFAULT_TENANT_PATTERN = "[^@]+@([A-Za-z0-9][A-Za-z0-9_-]{0,63})";

    private Config config;

    protected StorageConfig() {
        // For CDI's client proxy.
    }

    @Inject
    public StorageConfig(Config config) {
        this.config = config;
    }

    /** Returns {@code storage.driver}: {@code disk} (default), {@code s3} or {@code gcs}. */
    public String driver() {
        return string("storage.driver").orElse("disk");
    }

    /** Returns {@code storage.disk.root}, default {@code data/storage} under the server's working folder. */
    public Path diskRoot() {
        return Path.of(string("storage.disk.root").orElse("data/storage"));
    }

    /**
     * Returns the URL of the disk endpoint: {@code storage.disk.base-url} followed by
     * {@code storage/disk/}, or the relative {@code storage/disk/} when the key is unset, which
     * the web layer resolves against each request's application root.
     */
    public URI diskEndpoint() {
        Optional<URI> base = parse("storage.disk.base-url", URI::create, "an absolute URL ending in '/', such as https://example.com/app/");
        base.filter(uri -> !uri.isAbsolute() || !uri.getPath().endsWith("/")).ifPresent(uri -> {
            throw new DriverConfigurationException("storage.disk.base-url '" + uri + "' is invalid: use an absolute URL ending in '/',"
                    + " such as https://example.com/app/");
        });
        return base.map(uri -> uri.resolve("storage/disk/")).orElse(URI.create("storage/disk/"));
    }

    /** Returns {@code storage.url.expiry}, the lifetime of download URLs; default PT5M. */
    public Duration urlExpiry() {
        return duration("storage.url.expiry", DEFAULT_URL_EXPIRY);
    }

    /** Returns {@code storage.signing.secret}, or empty when unset. */
    public Optional<String> signingSecret() {
        return string("storage.signing.secret");
    }

    /** Returns {@code storage.signing.previous-secrets}: older secrets still accepted, comma-separated; default none. */
    public List<String> previousSigningSecrets() {
        return config.getOptionalValues("storage.signing.previous-secrets", String.class).orElse(List.of()).stream()
                .map(String::strip)
                .filter(secret -> !secret.isEmpty())
                .toList();
    }

    /** Returns the {@code storage.upload.*} limits. */
    public UploadLimits uploadLimits() {
        long maxFileSize = positive("storage.upload.max-file-size", DEFAULT_MAX_FILE_SIZE);
        long maxRequestSize = positive("storage.upload.max-request-size", saturatedAdd(maxFileSize, 1024 * 1024));
        int maxParts = positiveInt("storage.upload.max-parts", 10);
        int maxPartHeaderSize = positiveInt("storage.upload.max-part-header-size", 8192);
        String partName = string("storage.upload.part-name").orElse("file");
        return new UploadLimits(maxFileSize, maxRequestSize, maxParts, maxPartHeaderSize, partName);
    }

    /** Returns {@code storage.tenant.pattern}, whose first group is the tenant; default {@value #DEFAULT_TENANT_PATTERN}. */
    public Pattern tenantPattern() {
        String regex = string("storage.tenant.pattern").orElse(DEFAULT_TENANT_PATTERN);
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new DriverConfigurationException("storage.tenant.pattern '" + regex + "' is not a valid regular expression: "
                    + e.getDescription(), e);
        }
    }

    /** Returns {@code storage.direct-upload.expiry}, the lifetime of signed upload URLs; default PT5M. */
    public Duration directUploadExpiry() {
        return duration("storage.direct-upload.expiry", Duration.ofMinutes(5));
    }

    /** Returns {@code storage.signed-id.expiry}, the lifetime of signed blob ids; default P7D. */
    public Duration signedIdExpiry() {
        return duration("storage.signed-id.expiry", Duration.ofDays(7));
    }

    /**
     * Returns {@code storage.upload.content-types}: the media types any upload may have, such as
     * {@code image/*,application/pdf}; default {@code *}{@code /*}, any type. An {@code @Attachment}
     * narrows this further.
     */
    public List<String> allowedContentTypes() {
        return config.getOptionalValues("storage.upload.content-types", String.class).orElse(List.of("*/*"));
    }

    /** Returns whether the sweeper runs, {@code storage.sweeper.enabled}; default true. */
    public boolean sweeperEnabled() {
        return parse("storage.sweeper.enabled", StorageConfig::parseBoolean, "true or false").orElse(true);
    }

    /** Returns {@code storage.sweeper.interval}, the pause between sweeps; default PT1H. */
    public Duration sweeperInterval() {
        return duration("storage.sweeper.interval", Duration.ofHours(1));
    }

    /** Returns {@code storage.sweeper.pending-ttl}: how old a pending blob gets before it is swept; default PT24H. */
    public Duration pendingTtl() {
        return duration("storage.sweeper.pending-ttl", Duration.ofHours(24));
    }

    /** Returns {@code storage.sweeper.unattached-grace}: how old an unattached active blob gets before it is swept; default PT24H. */
    public Duration unattachedGrace() {
        return duration("storage.sweeper.unattached-grace", Duration.ofHours(24));
    }

    /**
     * Returns {@code storage.serving.mode}: {@code redirect} (default) responds to a blob's URL with
     * a redirect to a fresh signed URL of the store, {@code proxy} streams the bytes through the
     * application, for stores that must not be exposed.
     */
    public ServingMode servingMode() {
        return parse("storage.serving.mode", ServingMode::parse, "'redirect' or 'proxy'").orElse(ServingMode.REDIRECT);
    }

    /**
     * Returns {@code storage.trusted-origins}: origins of other sites, such as
     * {@code https://app.example.com}, whose pages may upload, sign and delete for a signed-in
     * user; default none, so only the application's own pages may.
     */
    public List<String> trustedOrigins() {
        return config.getOptionalValues("storage.trusted-origins", String.class).orElse(List.of()).stream()
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .toList();
    }

    /** Returns the MicroProfile Config behind these settings, for drivers that read their own keys. */
    public Config config() {
        return config;
    }

    private static boolean parseBoolean(String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(value);
        }
        return Boolean.parseBoolean(value);
    }

    private Optional<String> string(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }

    private Duration duration(String key, Duration defaultValue) {
        Duration value = parse(key, Duration::parse, "an ISO-8601 duration such as PT5M").orElse(defaultValue);
        if (value.isNegative() || value.isZero()) {
            throw new DriverConfigurationException(key + " '" + value + "' is invalid: use a positive duration such as PT5M");
        }
        return value;
    }

    private long positive(String key, long defaultValue) {
        long value = parse(key, Long::parseLong, "a whole number of bytes or items").orElse(defaultValue);
        if (value <= 0) {
            throw new DriverConfigurationException(key + " '" + value + "' is invalid: use a positive whole number");
        }
        return value;
    }

    private int positiveInt(String key, int defaultValue) {
        long value = positive(key, defaultValue);
        if (value > Integer.MAX_VALUE) {
            throw new DriverConfigurationException(key + " '" + value + "' is too large: use at most " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    private <T> Optional<T> parse(String key, Function<String, T> parser, String expected) {
        Optional<String> raw = string(key);
        try {
            return raw.map(parser);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new DriverConfigurationException(key + " '" + raw.get() + "' is invalid: use " + expected, e);
        }
    }
}
