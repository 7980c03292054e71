package dev.tracks.storage.driver.gcs;

import dev.tracks.storage.DriverConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The settings of {@link GcsDriver}, read from the {@code storage.gcs.*} keys.
 *
 * <ul>
 *   <li>{@code storage.gcs.bucket}: the bucket that stores every object. Required, no default.
 *   <li>{@code storage.gcs.project-id}: the Google Cloud project. Default: the project the SDK
 *       detects, such as the {@code project_id} of the key file or {@code GOOGLE_CLOUD_PROJECT}.
 *       Object reads and writes work without one. Setting it skips the SDK's search, which can end
 *       with a request to the Google Cloud metadata server.
 *   <li>{@code storage.gcs.credentials}: the path of a service-account JSON key file. Default:
 *       Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS},
 *       {@code gcloud auth application-default login}, or the metadata server on Google Cloud). Signed
 *       URLs need credentials that can sign: a service-account key, or a service account attached
 *       to the Google Cloud machine, which signs through the IAM API.
 *   <li>{@code storage.gcs.host}: the base URL of the JSON API, for emulators and private
 *       endpoints, such as {@code http://127.0.0.1:4443}. Default:
 *       {@code https://storage.googleapis.com}. With a host and without
 *       {@code storage.gcs.credentials}, requests are sent unauthenticated, as emulators expect, and
 *       signed URLs point at the host.
 * </ul>
 *
 * <p>The record contains the path of the key file, never the key, so it is safe to log.
 *
 * @param bucket the bucket name
 * @param projectId the project, or empty to let the SDK detect it
 * @param credentials the key file, or empty for Application Default Credentials
 * @param host the API's base URL, or empty for Google's
 */
public record GcsSettings(String bucket, Optional<String> projectId, Optional<Path> credentials, Optional<URI> host) {

    /** Prefix of every key this driver reads. */
    public static final String PREFIX = "storage.gcs.";

    // Google's naming rules for buckets without dots: 3 to 63 lowercase letters, digits, '-' and
    // '_', starting and ending with a letter or digit. Dotted names may reach 222 characters.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");

    /**
     * Checks the values.
     *
     * @throws DriverConfigurationException naming the key of the first invalid value
     */
    public GcsSettings {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(host, "host");
        if (bucket == null || bucket.isBlank()) {
            throw new DriverConfigurationException(PREFIX + "bucket is missing: set it to the name of the GCS bucket that"
                    + " stores the objects, such as 'acme-attachments'");
        }
        if (!BUCKET.matcher(bucket).matches() || (!bucket.contains(".") && bucket.length() > 63)) {
            throw new DriverConfigurationException(PREFIX + "bucket '" + bucket + "' is not a valid bucket name: use 3 to 63"
                    + " lowercase letters, digits, '-' or '_' (up to 222 characters if the name contains dots), starting and"
                    + " ending with a letter or digit");
        }
        if (host.isPresent() && !isHttpUrl(host.get())) {
            throw new DriverConfigurationException(PREFIX + "host '" + host.get() + "' is invalid: use an http or https URL such as"
                    + " http://127.0.0.1:4443, or remove the key to use https://storage.googleapis.com");
        }
    }

    /**
     * Returns settings with only a bucket: detected project, Application Default Credentials and
     * Google's host.
     */
    public static GcsSettings ofBucket(String bucket) {
        return new GcsSettings(bucket, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Reads the {@code storage.gcs.*} keys. Only the key file's path is read here; the driver
     * loads the key.
     *
     * @throws DriverConfigurationException naming the key of the first missing or invalid value
     */
    public static GcsSettings fromConfig(Config config) {
        String bucket = string(config, "bucket").orElse(null);
        Optional<String> projectId = string(config, "project-id");
        Optional<Path> credentials = string(config, "credentials").map(Path::of);
        Optional<URI> host = string(config, "host").map(GcsSettings::parseHost);

        return new GcsSettings(bucket, projectId, credentials, host);
    }

    private static Optional<String> string(Config config, String name) {
        return config.getOptionalValue(PREFIX + name, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static URI parseHost(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new DriverConfigurationException(PREFIX + "host '" + value + "' is not a URL: use an http or https URL such as"
                    + " http://127.0.0.1:4443", e);
        }
    }

    private static boolean isHttpUrl(URI host) {
        return ("http".equals(host.getScheme()) || "https".equals(host.getScheme())) && host.getHost() != null;
    }
}
