package dev.tracks.storage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationRootTest {

    @Test
    void rootContextEndsInASlash() {
        assertThat(ApplicationRoot.of(request("http", "localhost", 9080, ""))).isEqualTo(URI.create("http://localhost:9080/"));
    }

    @Test
    void defaultPortsAreWrittenOut() {
        assertThat(ApplicationRoot.of(request("http", "example.com", 80, ""))).isEqualTo(URI.create("http://example.com:80/"));
        assertThat(ApplicationRoot.of(request("https", "example.com", 443, ""))).isEqualTo(URI.create("https://example.com:443/"));
    }

    @Test
    void contextPathIsKept() {
        assertThat(ApplicationRoot.of(request("https", "example.com", 8443, "/app")))
                .isEqualTo(URI.create("https://example.com:8443/app/"));
    }

    @Test
    void diskEndpointResolvesUnderTheContextPath() {
        URI root = ApplicationRoot.of(request("https", "example.com", 8443, "/app"));

        assertThat(root.resolve("storage/disk/abc")).isEqualTo(URI.create("https://example.com:8443/app/storage/disk/abc"));
    }

    @Test
    void contextPathWithSpaceIsEncoded() {
        assertThat(ApplicationRoot.of(request("http", "localhost", 9080, "/my app")))
                .isEqualTo(URI.create("http://localhost:9080/my%20app/"));
    }

    @Test
    void ipv6HostIsBracketed() {
        assertThat(ApplicationRoot.of(request("http", "::1", 9080, ""))).isEqualTo(URI.create("http://[::1]:9080/"));
    }

    @Test
    void hostThatFormsNoUrlIsRejected() {
        assertThatThrownBy(() -> ApplicationRoot.of(request("http", "exa mple.com", 80, "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'exa mple.com'");
    }

    // No servlet container runs in a unit test, so the fake implements only the getters ApplicationRoot calls.
    private static HttpServletRequest request(String scheme, String host, int port, String contextPath) {
        Map<String, Object> answers = Map.of(
                "getScheme", scheme,
                "getServerName", host,
                "getServerPort", port,
                "getContextPath", contextPath);
        return (HttpServletRequest) Proxy.newProxyInstance(ApplicationRootTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException("The fake request has no " + method.getName());
                    }
                    return answers.get(method.getName());
                });
    }
}
