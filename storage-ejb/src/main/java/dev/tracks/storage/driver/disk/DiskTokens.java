package dev.tracks.storage.driver.disk;

import dev.tracks.storage.Checksum;
import dev.tracks.storage.InvalidSignatureException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.UploadConstraints;
import dev.tracks.storage.signing.TokenPurpose;
import dev.tracks.storage.signing.TokenSigner;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The claims inside the disk endpoint's tokens: the key and response headers of a download, the
 * key and declared content of an upload.
 */
final class DiskTokens {

    private final TokenSigner signer;

    DiskTokens(TokenSigner signer) {
        this.signer = signer;
    }

    String signDownload(StorageKey key, String contentType, String disposition, Instant expiresAt) {
        JsonObject claims = Json.createObjectBuilder()
                .add("key", key.value())
                .add("typ", contentType)
                .add("dis", disposition)
                .build();
        return signer.sign(TokenPurpose.DOWNLOAD, claims, expiresAt);
    }

    String signUpload(StorageKey key, UploadConstraints constraints, Instant expiresAt) {
        JsonObject claims = Json.createObjectBuilder()
                .add("key", key.value())
                .add("typ", constraints.contentType())
                .add("len", constraints.byteSize())
                .add("md5", constraints.checksum().base64())
                .build();
        return signer.sign(TokenPurpose.UPLOAD, claims, expiresAt);
    }

    DownloadGrant verifyDownload(String token) {
        JsonObject claims = signer.verify(token, TokenPurpose.DOWNLOAD);

        return read(() -> new DownloadGrant(new StorageKey(claims.getString("key")), claims.getString("typ"), claims.getString("dis"),
                Instant.ofEpochSecond(claims.getJsonNumber("exp").longValueExact())));
    }

    UploadGrant verifyUpload(String token) {
        JsonObject claims = signer.verify(token, TokenPurpose.UPLOAD);

        return read(() -> new UploadGrant(new StorageKey(claims.getString("key")), new UploadConstraints(
                claims.getString("typ"),
                claims.getJsonNumber("len").longValueExact(),
                new Checksum(claims.getString("md5")))));
    }

    // A correctly signed token with missing or malformed claims can only come from a leaked
    // secret or a bug; either way it grants nothing.
    private static <T> T read(Supplier<T> grant) {
        try {
            return grant.get();
        } catch (RuntimeException e) {
            throw new InvalidSignatureException("Token claims are invalid", e);
        }
    }
}
