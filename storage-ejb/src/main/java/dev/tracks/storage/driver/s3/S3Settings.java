package dev.tracks.storage.driver.s3;

import dev.tracks.storage.DriverConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Where the S3 driver stores objects and how it reaches the store.
 *
 * <p>{@link #fromConfig} reads these MicroProfile Config keys:
 * <ul>
 * <li>{@code storage.s3.bucket}: the bucket that contains every object. Required.</li>
 * <li>{@code storage.s3.region}: the bucket's region, such as {@code eu-west-1}. Default
 *     {@code us-east-1}. S3-compatible stores often accept any value or expect their own, such as
 *     {@code auto} for Cloudflare R2.</li>
 * <li>{@code storage.s3.endpoint}: the base URL of an S3-compatible store such as MinIO, Ceph or
 *     Cloudflare R2, for example {@code http://127.0.0.1:9000}. No default: without it the SDK
 *     uses AWS's endpoint for the region.</li>
 * <li>{@code storage.s3.path-style}: {@code true} to address the bucket in the URL path
 *     ({@code https://host/bucket/key}) instead of the host name
 *     ({@code https://bucket.host/key}); most self-hosted stores need it. Default
 *     {@code false}.</li>
 * <li>{@code storage.s3.access-key-id} and {@code storage.s3.secret-access-key}: a static access
 *     key. Set both or neither. Without them the SDK's default credential chain applies:
 *     environment variables, Java system properties, the shared profile files, then container
 *     and instance roles.</li>
 * </ul>
 *
 * @param bucket the bucket that contains every object
 * @param region the region that requests are signed for
 * @param endpoint the store's base URL when it is not AWS's endpoint for the region
 * @param pathStyle whether the bucket goes into the URL path instead of the host name
 * @param accessKey the static access key, or empty to use the SDK's default credential chain
 * @param partSize the size in bytes of each multipart upload part and the threshold for using
 *     multipart at all: a stream that ends within its first part is stored with one
 *     {@code PutObject}. Uploads hold about one part in memory, and S3 allows at most 10,000
 *     parts, so the largest object is 10,000 times this size. {@code fromConfig} uses
 *     {@link #DEFAULT_PART_SIZE}.
 */
public record S3Settings(String bucket, String region, Optional<URI> endpoint, boolean pathStyle,
        Optional<S3AccessKey> accessKey, int partSize) {

    /** Smallest part that S3 accepts in a multipart upload, other than the last one: 5 MiB. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    /** Largest part size this driver accepts, so one upload's buffer stays at most 1 GiB. */
    public static final int MAX_PART_SIZE = 1024 * 1024 * 1024;

    /** The part size used when none is given: 8 MiB, so objects up to about 78 GiB fit. */
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

    static final String BUCKET = "storage.s3.bucket";
    static final String REGION = "storage.s3.region";
    static final String ENDPOINT = "storage.s3.endpoint";
    static final String PATH_STYLE = "storage.s3.path-style";
    static final String ACCESS_KEY_ID = "storage.s3.access-key-id";
    static final String SECRET_ACCESS_KEY = "storage.s3.secret-access-key";

    private static final String DEFAULT_REGION = "us-east-1";

    // Loose enough for legacy bucket names (upper case, underscores, up to 255 characters) and for
    // the names S3-compatible stores allow. Strict enough that a name never changes a URL's shape.
    private static final Pattern BUCKET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,254}");
    private static final Pattern REGION_CODE = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if the bucket is blank or the part size is out of range
     */
    public S3Settings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKey, "accessKey");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("S3 bucket is missing");
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("S3 part size " + partSize + " is out of range: use " + MIN_PART_SIZE
                    + " to " + MAX_PART_SIZE + " bytes");
        }
    }

    /**
     * Reads the {@code storage.s3.*} keys, so a wrong deployment fails at startup instead of at
     * the first upload.
     *
     * @throws DriverConfigurationException naming the key and the fix, if a value is missing or
     *     invalid
     */
    public static S3Settings fromConfig(Config config) {
        String bucket = readBucket(config);
        String region = readRegion(config);
        Optional<URI> endpoint = config.getOptionalValue(ENDPOINT, String.class).map(S3Settings::parseEndpoint);
        boolean pathStyle = config.getOptionalValue(PATH_STYLE, String.class).map(S3Settings::parsePathStyle).orElse(false);
        Optional<S3AccessKey> accessKey = readAccessKey(config);

        return new S3Settings(bucket, region, endpoint, pathStyle, accessKey, DEFAULT_PART_SIZE);
    }

    /**
     * Returns whether requests go to AWS itself rather than to an S3-compatible store, which may
     * reject the checksum headers that newer SDKs add.
     */
    boolean usesAws() {
        if (endpoint.isEmpty()) {
            return true;
        }
        String host = endpoint.get().getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn");
    }

    private static String readBucket(Config config) {
        String bucket = config.getOptionalValue(BUCKET, String.class).orElseThrow(() -> new DriverConfigurationException(
                BUCKET + " is missing: set it to the name of the bucket that stores the objects"));
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw new DriverConfigurationException(BUCKET + " '" + bucket + "' is invalid: use the bucket's name as the"
                    + " store shows it, 3 to 255 letters, digits, '.', '_' or '-'");
        }
        return bucket;
    }

    private static String readRegion(Config config) {
        String region = config.getOptionalValue(REGION, String.class).orElse(DEFAULT_REGION);
        if (!REGION_CODE.matcher(region).matches()) {
            throw new DriverConfigurationException(REGION + " '" + region + "' is invalid: use a region code such as"
                    + " 'eu-west-1', or the value your S3-compatible store expects, such as 'auto'");
        }
        return region;
    }

    private static URI parseEndpoint(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new DriverConfigurationException(ENDPOINT + " '" + value + "' is not a URL: use the store's base URL,"
                    + " such as 'https://minio.example.com:9000'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new DriverConfigurationException(ENDPOINT + " '" + value + "' is invalid: use an http or https URL"
                    + " with a host, such as 'https://minio.example.com:9000', or remove the key to use AWS");
        }
        return uri;
    }

    // MicroProfile Config's own boolean conversion reads every unknown word as false, but a typo
    // here should fail instead of silently switching to virtual-host addressing.
    private static boolean parsePathStyle(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (!normalized.equals("true") && !normalized.equals("false")) {
            throw new DriverConfigurationException(PATH_STYLE + " '" + value + "' is invalid: use 'true' or 'false'");
        }
        return normalized.equals("true");
    }

    private static Optional<S3AccessKey> readAccessKey(Config config) {
        Optional<String> id = config.getOptionalValue(ACCESS_KEY_ID, String.class).filter(value -> !value.isBlank());
        Optional<String> secret = config.getOptionalValue(SECRET_ACCESS_KEY, String.class).filter(value -> !value.isBlank());
        if (id.isPresent() && secret.isEmpty()) {
            throw new DriverConfigurationException(SECRET_ACCESS_KEY + " is missing while " + ACCESS_KEY_ID + " is set:"
                    + " set both, or remove both to use the SDK's default credential chain");
        }
        if (secret.isPresent() && id.isEmpty()) {
            throw new DriverConfigurationException(ACCESS_KEY_ID + " is missing while " + SECRET_ACCESS_KEY + " is set:"
                    + " set both, or remove both to use the SDK's default credential chain");
        }
        return id.map(value -> new S3AccessKey(value, secret.get()));
    }
}
