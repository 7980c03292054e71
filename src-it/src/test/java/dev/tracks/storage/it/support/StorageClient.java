package dev.tracks.storage.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Talks to the test WAR over HTTP the way a browser or API client would: multipart uploads to the
 * upload servlet, JSON calls to the blob resource, plain requests to signed disk URLs.
 */
public final class StorageClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    // HTTP/1.1 as browsers speak it over plain http. Java's client would otherwise ask for an h2c
    // upgrade, and Open Liberty 26.0.0.3 then never ends the stream of a 304 Not Modified.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final URI root;

    /**
     * Creates a client for the application deployed at {@code root}, as Arquillian injects it.
     */
    public StorageClient(URL root) {
        try {
            this.root = root.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Deployment URL " + root + " is not a valid URI", e);
        }
    }

    /**
     * Returns the application's root URL, ending in a slash.
     */
    public URI root() {
        return root;
    }

    /**
     * Posts {@code form} to {@code POST /storage/uploads}, authenticated as {@code user} unless null.
     */
    public HttpResponse<byte[]> upload(User user, MultipartForm form) {
        return send(request("storage/uploads", user)
                .header("Content-Type", form.contentType())
                .POST(BodyPublishers.ofByteArray(form.toBytes())));
    }

    /**
     * Uploads one file as {@code user}.
     */
    public HttpResponse<byte[]> upload(User user, String filename, String contentType, byte[] content) {
        return upload(user, new MultipartForm().file("file", filename, contentType, content));
    }

    /**
     * Uploads one file as {@code user}, requires 201, and returns the blob's JSON.
     */
    public JsonObject uploadOk(User user, String filename, String contentType, byte[] content) {
        HttpResponse<byte[]> response = upload(user, filename, contentType, content);
        if (response.statusCode() != 201) {
            throw new AssertionError("Upload of " + filename + " returned status " + response.statusCode() + ": " + text(response));
        }
        return json(response);
    }

    /**
     * Sends {@code GET} to a path under the application root.
     */
    public HttpResponse<byte[]> get(String path, User user) {
        return send(request(path, user).GET());
    }

    /**
     * Posts a JSON body to a path under the application root.
     */
    public HttpResponse<byte[]> postJson(String path, User user, String json) {
        return send(request(path, user).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
    }

    /**
     * Reserves a direct upload of {@code content} as {@code user}, requires 200, and returns the
     * pending blob's JSON with its {@code direct_upload} URL and headers.
     */
    public JsonObject reserveOk(User user, String filename, String contentType, byte[] content) {
        JsonObject declaration = Json.createObjectBuilder().add("blob", Json.createObjectBuilder()
                .add("filename", filename)
                .add("content_type", contentType)
                .add("byte_size", content.length)
                .add("checksum", SampleFiles.md5(content))).build();

        HttpResponse<byte[]> response = postJson("api/storage/direct-uploads", user, declaration.toString());

        if (response.statusCode() != 200) {
            throw new AssertionError("Reserving " + filename + " returned status " + response.statusCode() + ": " + text(response));
        }
        return json(response);
    }

    /**
     * Sends {@code DELETE} to a path under the application root.
     */
    public HttpResponse<byte[]> delete(String path, User user) {
        return send(request(path, user).DELETE());
    }

    /**
     * Signs a download URL for blob {@code id} as {@code user}, requires 200, and returns the JSON.
     */
    public JsonObject signedUrl(long id, User user, String disposition) {
        HttpResponse<byte[]> response = get("api/storage/blobs/" + id + "/url?disposition=" + disposition, user);
        if (response.statusCode() != 200) {
            throw new AssertionError("Signing a URL for blob " + id + " returned status " + response.statusCode() + ": " + text(response));
        }
        return json(response);
    }

    /**
     * Returns a request builder for a path under the application root, or an absolute URL.
     */
    public HttpRequest.Builder request(String pathOrUrl, User user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(pathOrUrl)).timeout(TIMEOUT);
        if (user != null) {
            request.header("Authorization", user.basicAuthorization());
        }
        return request;
    }

    /**
     * Sends a request and reads the whole response body. Redirects are returned, not followed.
     * The request timeout covers only the response headers, so the body gets a deadline of its own.
     */
    public HttpResponse<byte[]> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            return http.sendAsync(built, BodyHandlers.ofByteArray()).get(2 * TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // The URI stays out of the message: it may be a signed URL, a bearer credential.
            throw new UncheckedIOException(built.method() + " request failed: " + e.getCause(),
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (TimeoutException e) {
            throw new IllegalStateException("No complete response to a " + built.method() + " request within "
                    + 2 * TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a response", e);
        }
    }

    /**
     * Parses a JSON object response body.
     */
    public static JsonObject json(HttpResponse<byte[]> response) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(response.body()))) {
            return reader.readObject();
        }
    }

    /**
     * Returns the response body as UTF-8 text, for failure messages.
     */
    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
