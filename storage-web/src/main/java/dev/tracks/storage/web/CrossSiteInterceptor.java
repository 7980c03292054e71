package dev.tracks.storage.web;

import dev.tracks.storage.CrossSiteRequestException;
import dev.tracks.storage.config.StorageConfig;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * Rejects state-changing {@link TenantScoped} calls that a page of another site made, before the
 * tenant is bound. Browsers send the signed-in user's credentials (BASIC, cookies) with a
 * cross-site form post, so without this check any site could upload into, or delete from, the
 * user's tenant.
 *
 * <p>It trusts the browser's {@code Sec-Fetch-Site} header where present and otherwise compares
 * {@code Origin} with the request's own origin. Requests with neither header, such as those of
 * curl or a mobile app, carry no ambient browser credentials and pass. Safe methods pass too, so
 * pages of other sites can still embed blobs.
 */
@TenantScoped
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 5)
public class CrossSiteInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    transient HttpServletRequest request;

    @Inject
    transient StorageConfig config;

    @AroundInvoke
    public Object rejectCrossSiteRequest(InvocationContext invocation) throws Exception {
        String origin = request.getHeader("Origin");
        String fetchSite = request.getHeader("Sec-Fetch-Site");

        if (!SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT)) && isCrossSite(fetchSite, origin)) {
            throw new CrossSiteRequestException("Request from another site rejected: submit it from this application's own"
                    + " pages, or list its origin in storage.trusted-origins");
        }

        return invocation.proceed();
    }

    private boolean isCrossSite(String fetchSite, String origin) {
        if (origin != null && config.trustedOrigins().contains(origin)) {
            return false;
        }
        if (fetchSite != null) {
            return !fetchSite.equals("same-origin") && !fetchSite.equals("none");
        }
        return origin != null && !origin.equals(ownOrigin());
    }

    // Browsers leave the default port out of Origin.
    private String ownOrigin() {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
