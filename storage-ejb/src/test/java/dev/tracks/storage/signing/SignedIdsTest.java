package dev.tracks.storage.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.Blob;
import dev.tracks.storage.BlobStatus;
import dev.tracks.storage.InvalidSignatureException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.TenantId;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignedIdsTest {

    private static final byte[] SECRET = "signed-ids-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration EXPIRY = Duration.ofDays(7);
    private static final TenantId ACME = new TenantId("acme");

    private final SignedIds signedIds = signedIdsAt(NOW);

    @Test
    void signedIdVerifiesToTheBlobId() {
        String signedId = signedIds.sign(blob(42, ACME));

        assertThat(signedIds.verify(signedId, ACME)).isEqualTo(42);
    }

    @Test
    void signedIdOfAnotherTenantIsRejected() {
        String signedId = signedIds.sign(blob(42, new TenantId("globex")));

        assertThatThrownBy(() -> signedIds.verify(signedId, ACME))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("another tenant");
    }

    @Test
    void signedIdIsValidUntilItsExpiry() {
        String signedId = signedIds.sign(blob(42, ACME));

        assertThat(signedIdsAt(NOW.plus(EXPIRY).minusSeconds(1)).verify(signedId, ACME)).isEqualTo(42);
        assertThatThrownBy(() -> signedIdsAt(NOW.plus(EXPIRY)).verify(signedId, ACME))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void downloadTokenIsNotASignedId() {
        TokenSigner signer = new TokenSigner(List.of(SECRET), Clock.fixed(NOW, ZoneOffset.UTC));
        String download = signer.sign(TokenPurpose.DOWNLOAD, Json.createObjectBuilder().add("id", 42).add("ten", "acme").build(),
                NOW.plus(EXPIRY));

        assertThatThrownBy(() -> signedIds.verify(download, ACME))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("another purpose");
    }

    @Test
    void signedIdWithoutANumericIdIsRejected() {
        TokenSigner signer = new TokenSigner(List.of(SECRET), Clock.fixed(NOW, ZoneOffset.UTC));
        String textId = signer.sign(TokenPurpose.BLOB_ID, Json.createObjectBuilder().add("id", "42").add("ten", "acme").build(),
                NOW.plus(EXPIRY));

        assertThatThrownBy(() -> signedIds.verify(textId, ACME)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void signedIdsOfDifferentBlobsDiffer() {
        assertThat(signedIds.sign(blob(1, ACME))).isNotEqualTo(signedIds.sign(blob(2, ACME)));
    }

    private static SignedIds signedIdsAt(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new SignedIds(new TokenSigner(List.of(SECRET), clock), EXPIRY, clock);
    }

    private static Blob blob(long id, TenantId tenant) {
        return new Blob(id, StorageKey.forBlob(tenant, UUID.randomUUID()), "a.txt", "text/plain", 1, null, BlobStatus.ACTIVE, NOW,
                tenant);
    }
}
