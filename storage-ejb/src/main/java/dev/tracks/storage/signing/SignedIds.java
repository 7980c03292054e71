package dev.tracks.storage.signing;

import dev.tracks.storage.Blob;
import dev.tracks.storage.InvalidSignatureException;
import dev.tracks.storage.TenantId;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;

/**
 * Signed, purpose-scoped references to blobs ({@code blob_id}), used in forms and URLs instead of
 * raw ids. A signed id names its blob and its tenant, so one issued to one tenant is refused for
 * every other, and one cannot be guessed from another.
 */
public final class SignedIds {

    private final TokenSigner signer;
    private final Duration expiry;
    private final Clock clock;

    /**
     * Creates a signer of blob ids.
     *
     * @param expiry how long a signed id stays valid ({@code storage.signed-id.expiry})
     */
    public SignedIds(TokenSigner signer, Duration expiry, Clock clock) {
        this.signer = signer;
        this.expiry = expiry;
        this.clock = clock;
    }

    /**
     * Returns the signed id of {@code blob}.
     */
    public String sign(Blob blob) {
        JsonObject claims = Json.createObjectBuilder()
                .add("id", blob.id())
                .add("ten", blob.tenant().value())
                .build();
        return signer.sign(TokenPurpose.BLOB_ID, claims, clock.instant().plus(expiry));
    }

    /**
     * Returns the blob id inside {@code signedId} when it was issued to {@code tenant}.
     *
     * @throws InvalidSignatureException if the signed id is tampered, expired, of another purpose,
     *     or issued to another tenant
     */
    public long verify(String signedId, TenantId tenant) {
        JsonObject claims = signer.verify(signedId, TokenPurpose.BLOB_ID);

        if (!tenant.value().equals(claims.getString("ten", null)) || !(claims.get("id") instanceof JsonNumber id)) {
            throw new InvalidSignatureException("Signed id was issued to another tenant");
        }
        return id.longValueExact();
    }
}
