package dev.tracks.storage.it.support;

import dev.tracks.storage.signing.TokenPurpose;
import dev.tracks.storage.signing.TokenSigner;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Signs disk endpoint tokens in the test JVM with the test WAR's secret and the engine's own
 * {@link TokenSigner}, so tests can build tokens the server would never issue: expired ones, ones
 * for arbitrary keys, upload tokens without a reservation.
 *
 * <p>The claims mirror the disk driver's: {@code key}, {@code typ} and {@code dis} for downloads;
 * {@code key}, {@code typ}, {@code len} and {@code md5} for uploads.
 */
public final class ForgedTokens {

    private final TokenSigner signer =
            new TokenSigner(List.of(TestDeployment.SIGNING_SECRET.getBytes(StandardCharsets.UTF_8)), Clock.systemUTC());

    /**
     * Signs a download token for {@code key}.
     */
    public String download(String key, String contentType, String disposition, Instant expiresAt) {
        JsonObject claims = Json.createObjectBuilder()
                .add("key", key)
                .add("typ", contentType)
                .add("dis", disposition)
                .build();
        return signer.sign(TokenPurpose.DOWNLOAD, claims, expiresAt);
    }

    /**
     * Signs an upload token for exactly {@code byteSize} bytes of {@code contentType} with base64
     * MD5 {@code md5}.
     */
    public String upload(String key, String contentType, long byteSize, String md5, Instant expiresAt) {
        JsonObject claims = Json.createObjectBuilder()
                .add("key", key)
                .add("typ", contentType)
                .add("len", byteSize)
                .add("md5", md5)
                .build();
        return signer.sign(TokenPurpose.UPLOAD, claims, expiresAt);
    }
}
