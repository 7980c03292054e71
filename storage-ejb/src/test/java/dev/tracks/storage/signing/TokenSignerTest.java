package dev.tracks.storage.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.InvalidSignatureException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSignerTest {

    private static final byte[] CURRENT = secret("current-secret-0123456789abcdefgh");
    private static final byte[] OLD = secret("old-secret-0123456789abcdefghijklm");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant EXPIRY = NOW.plus(Duration.ofMinutes(5));
    private static final JsonObject CLAIMS = Json.createObjectBuilder().add("key", "tenants/acme/blobs/1").build();

    private final TokenSigner signer = signerAt(NOW, CURRENT);

    @Test
    void signedTokenVerifiesWithItsClaims() {
        String token = signer.sign(TokenPurpose.DOWNLOAD, CLAIMS, EXPIRY);

        JsonObject payload = signer.verify(token, TokenPurpose.DOWNLOAD);

        assertThat(payload.getString("key")).isEqualTo("tenants/acme/blobs/1");
        assertThat(payload.getString("pur")).isEqualTo("download");
        assertThat(payload.getJsonNumber("exp").longValue()).isEqualTo(EXPIRY.getEpochSecond());
    }

    @Test
    void tokenIsTwoBase64UrlParts() {
        String token = signer.sign(TokenPurpose.UPLOAD, CLAIMS, EXPIRY);

        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void tamperedPayloadIsRejected() {
        String token = signer.sign(TokenPurpose.DOWNLOAD, CLAIMS, EXPIRY);
        String otherPayload = encode("{\"key\":\"tenants/evil/blobs/1\",\"pur\":\"download\",\"exp\":" + EXPIRY.getEpochSecond() + "}");
        String tampered = otherPayload + token.substring(token.indexOf('.'));

        assertThatThrownBy(() -> signer.verify(tampered, TokenPurpose.DOWNLOAD))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("signature is invalid");
    }

    @Test
    void tamperedSignatureIsRejected() {
        String token = signer.sign(TokenPurpose.DOWNLOAD, CLAIMS, EXPIRY);
        int dot = token.indexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        signature[0] ^= 1;
        String tampered = token.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

        assertThatThrownBy(() -> signer.verify(tampered, TokenPurpose.DOWNLOAD))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("signature is invalid");
    }

    @Test
    void everySingleCharacterChangeIsRejected() {
        String token = signer.sign(TokenPurpose.DOWNLOAD, CLAIMS, EXPIRY);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        for (int position = 0; position < token.length(); position++) {
            if (token.charAt(position) == '.') {
                continue;
            }
            // Flipping the lowest bits of a base64 digit changes only the unused bits of a final character.
            char changed = alphabet.charAt(alphabet.indexOf(token.charAt(position)) ^ 1);
            String tampered = token.substring(0, position) + changed + token.substring(position + 1);

            assertThatThrownBy(() -> signer.verify(tampered, TokenPurpose.DOWNLOAD))
                    .as("token changed at position %d", position)
                    .isInstanceOf(InvalidSignatureException.class);
        }
    }

    @Test
    void truncatedTokenIsRejected() {
        String token = signer.sign(TokenPurpose.DOWNLOAD, CLAIMS, EXPIRY);

        for (int length = 0; length < token.length(); length++) {
            String truncated = token.substring(0, length);

            assertThatThrownBy(() -> signer.verify(truncated, TokenPurpose.DOWNLOAD))
                    .as("token cut to %d characters", length)
                    .isInstanceOf(InvalidSignatureException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "no-dot-at-all", "!!!.???", "e30.a+b/", "e30=.AAAA", "a.b.c"})
    void malformedTokenIsRejected(String token) {
        assertThatThrownBy(() -> signer.verify(token, TokenPurpose.DOWNLOAD)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void nullTokenIsRejected() {
        assertThatThrownBy(() -> signer.verify(null, TokenPurpose.DOWNLOAD))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void nonBase64PayloadIsRejectedWithItsCause() {
        assertThatThrownBy(() -> signer.verify("@@@@.AAAA", TokenPurpose.DOWNLOAD))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("not base64url")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenForAnotherPurposeIsRejected() {
        String token = signer.sign(TokenPurpose.DOWNLOAD, CLAIMS, EXPIRY);

        assertThatThrownBy(() -> signer.verify(token, TokenPurpose.UPLOAD))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("another purpose")
                .hasMessageContaining("'upload'");
        assertThatThrownBy(() -> signer.verify(token, TokenPurpose.BLOB_ID))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("another purpose");
    }

    @Test
    void tokenIsValidBeforeItsExpiry() {
        String token = signer.sign(TokenPurpose.DOWNLOAD, CLAIMS, EXPIRY);

        assertThat(signerAt(EXPIRY.minusSeconds(1), CURRENT).verify(token, TokenPurpose.DOWNLOAD)).isNotNull();
    }

    @Test
    void tokenExpiresAtItsExpiry() {
        String token = signer.sign(TokenPurpose.DOWNLOAD, CLAIMS, EXPIRY);

        assertThatThrownBy(() -> signerAt(EXPIRY, CURRENT).verify(token, TokenPurpose.DOWNLOAD))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> signerAt(EXPIRY.plus(Duration.ofDays(1)), CURRENT).verify(token, TokenPurpose.DOWNLOAD))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void tokenOfOldSecretStillVerifies() {
        String oldToken = signerAt(NOW, OLD).sign(TokenPurpose.DOWNLOAD, CLAIMS, EXPIRY);
        TokenSigner rotated = signerAt(NOW, CURRENT, OLD);

        assertThat(rotated.verify(oldToken, TokenPurpose.DOWNLOAD).getString("key")).isEqualTo("tenants/acme/blobs/1");
    }

    @Test
    void rotatedSignerSignsWithTheFirstSecret() {
        String token = signerAt(NOW, CURRENT, OLD).sign(TokenPurpose.DOWNLOAD, CLAIMS, EXPIRY);

        assertThat(signerAt(NOW, CURRENT).verify(token, TokenPurpose.DOWNLOAD)).isNotNull();
        assertThatThrownBy(() -> signerAt(NOW, OLD).verify(token, TokenPurpose.DOWNLOAD))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void tokenOfUnknownSecretIsRejected() {
        String token = signerAt(NOW, secret("unknown-secret-0123456789abcdefgh")).sign(TokenPurpose.DOWNLOAD, CLAIMS, EXPIRY);

        assertThatThrownBy(() -> signerAt(NOW, CURRENT, OLD).verify(token, TokenPurpose.DOWNLOAD))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("unknown secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"key\":\"k\"}", "{\"pur\":\"download\"}", "{\"exp\":4102444800}",
        "{\"pur\":\"download\",\"exp\":\"4102444800\"}", "{\"pur\":1,\"exp\":4102444800}"})
    void signedPayloadWithoutPurposeOrExpiryIsRejected(String json) {
        String token = forge(json, CURRENT);

        assertThatThrownBy(() -> signer.verify(token, TokenPurpose.DOWNLOAD))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("lacks its purpose or expiry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "not json", "\"text\"", "{\"pur\":"})
    void signedPayloadThatIsNotAJsonObjectIsRejected(String json) {
        String token = forge(json, CURRENT);

        assertThatThrownBy(() -> signer.verify(token, TokenPurpose.DOWNLOAD))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void forgedTokenWithValidPayloadVerifies() {
        // Checks the forge helper itself, so the payload tests above fail for their stated reason.
        String token = forge("{\"pur\":\"download\",\"exp\":" + EXPIRY.getEpochSecond() + "}", CURRENT);

        assertThat(signer.verify(token, TokenPurpose.DOWNLOAD).getString("pur")).isEqualTo("download");
    }

    @Test
    void signerWithoutSecretsCannotBeCreated() {
        assertThatThrownBy(() -> new TokenSigner(List.of(), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one secret");
    }

    private static TokenSigner signerAt(Instant now, byte[]... secrets) {
        return new TokenSigner(List.of(secrets), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static byte[] secret(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // Builds a correctly signed token around any payload, to reach the checks after the signature.
    private static String forge(String payload, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] signature = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            return encode(payload) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
