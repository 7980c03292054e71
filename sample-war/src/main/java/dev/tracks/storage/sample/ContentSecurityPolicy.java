package dev.tracks.storage.sample;

import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.Driver;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code Content-Security-Policy} of the catalog page: scripts from the application only,
 * requests and images to the application and to the configured store, nothing else.
 *
 * <p>The store's origin is taken from a URL that the configured driver signs, so it follows
 * {@code storage.driver} and the driver's own settings (endpoint, path-style or virtual-host
 * addressing) without repeating them here. The disk driver signs URLs of the application itself
 * and adds no origin.
 */
@ApplicationScoped
public class ContentSecurityPolicy {

    // Signing sends no request, and the URL is dropped once its origin is read.
    private static final StorageKey ORIGIN_PROBE = StorageKey.forBlob(new TenantId("content-security-policy"), new UUID(0, 0));

    @Inject
    Driver driver;

    private volatile String header;

    /**
     * Returns the header value, built on the first call.
     *
     * @throws dev.tracks.storage.StorageException if the driver cannot sign a URL, for example
     *     because the store's credentials are missing
     */
    public String header() {
        String built = header;
        if (built == null) {
            built = build(storeOrigin());
            header = built;
        }
        return built;
    }

    private Optional<String> storeOrigin() {
        SignedUrl probe = driver.signDownload(ORIGIN_PROBE, Duration.ofMinutes(1), new ContentDisposition(ContentDisposition.Type.INLINE,
                null), "image/png");
        URI uri = probe.uri();
        if (!uri.isAbsolute()) {
            return Optional.empty();
        }

        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return Optional.of(uri.getScheme() + "://" + uri.getHost() + port);
    }

    private static String build(Optional<String> storeOrigin) {
        String sources = storeOrigin.map(origin -> "'self' " + origin).orElse("'self'");

        return "default-src 'none'; script-src 'self'; connect-src " + sources + "; img-src " + sources
                + "; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }
}
