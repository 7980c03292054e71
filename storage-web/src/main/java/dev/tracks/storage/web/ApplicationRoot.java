package dev.tracks.storage.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The URL of the application's root as the current request reached it, such as
 * {@code http://localhost:9080/} or {@code https://example.com/app/}; disk URLs, which are relative
 * to it, are resolved against it.
 */
public final class ApplicationRoot {

    private ApplicationRoot() {
    }

    /**
     * Returns {@code scheme://host:port/contextPath/} of {@code request}. Behind a reverse proxy
     * this is what the proxy forwarded; set {@code storage.disk.base-url} when it differs from the
     * public URL.
     */
    public static URI of(HttpServletRequest request) {
        try {
            return new URI(request.getScheme(), null, request.getServerName(), request.getServerPort(),
                    request.getContextPath() + "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Request's host '" + request.getServerName() + "' does not form a valid URL", e);
        }
    }
}
