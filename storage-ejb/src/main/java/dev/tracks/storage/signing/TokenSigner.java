package dev.tracks.storage.signing;

import dev.tracks.storage.InvalidSignatureException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies compact tokens: a JSON payload and its HMAC-SHA256, both base64url-encoded
 * and joined by a dot.
 *
 * <p>Every payload carries its purpose ({@code pur}) and expiry ({@code exp}, epoch seconds), and
 * verification checks both after the signature. Tokens are signed with the first secret and
 * verified against all of them, so a secret can be rotated without breaking tokens already handed
 * out. Signatures are compared in constant time.
 */
public final class TokenSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final List<SecretKeySpec> secrets;
    private final Clock clock;

    /**
     * Creates a signer.
     *
     * @param secrets the current secret first, then older ones still accepted; at least one
     * @param clock the source of "now" for expiry checks
     */
    public TokenSigner(List<byte[]> secrets, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("TokenSigner needs at least one secret");
        }
        this.secrets = secrets.stream().map(secret -> new SecretKeySpec(secret, ALGORITHM)).toList();
        this.clock = clock;
    }

    /**
     * Signs {@code claims} for {@code purpose} until {@code expiresAt}.
     *
     * @param claims the payload's own fields; must not use the reserved names {@code pur} and {@code exp}
     */
    public String sign(TokenPurpose purpose, JsonObject claims, Instant expiresAt) {
        JsonObjectBuilder payload = Json.createObjectBuilder(claims)
                .add("pur", purpose.claim())
                .add("exp", expiresAt.getEpochSecond());
        byte[] payloadBytes = payload.build().toString().getBytes(StandardCharsets.UTF_8);

        byte[] signature = hmac(secrets.get(0), payloadBytes);

        return ENCODER.encodeToString(payloadBytes) + "." + ENCODER.encodeToString(signature);
    }

    /**
     * Verifies {@code token} and returns its payload.
     *
     * @throws InvalidSignatureException if the token is malformed, its signature matches no
     *     secret, it was signed for another purpose, or it has expired
     */
    public JsonObject verify(String token, TokenPurpose purpose) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 0) {
            throw new InvalidSignatureException("Token is malformed: expected '<payload>.<signature>'");
        }
        byte[] payloadBytes = decode(token.substring(0, dot));
        byte[] signature = decode(token.substring(dot + 1));

        if (!signedByAnySecret(payloadBytes, signature)) {
            throw new InvalidSignatureException("Token signature is invalid: it was altered or signed with an unknown secret");
        }
        JsonObject payload = parse(payloadBytes);
        if (!purpose.claim().equals(payload.getString("pur", null))) {
            throw new InvalidSignatureException("Token was signed for another purpose: expected '" + purpose.claim() + "'");
        }
        if (!clock.instant().isBefore(Instant.ofEpochSecond(payload.getJsonNumber("exp").longValue()))) {
            throw new InvalidSignatureException("Token has expired: request a new URL");
        }
        return payload;
    }

    private boolean signedByAnySecret(byte[] payloadBytes, byte[] signature) {
        boolean matched = false;
        for (SecretKeySpec secret : secrets) {
            // No early exit, so the time taken does not reveal which secret matched.
            matched |= MessageDigest.isEqual(hmac(secret, payloadBytes), signature);
        }
        return matched;
    }

    private static byte[] hmac(SecretKeySpec secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable, which every Java platform must provide", e);
        }
    }

    // The decoder ignores the unused low bits of the last character, so several spellings decode
    // to the same bytes. Only the spelling this class writes is accepted, so any changed character
    // invalidates a token.
    private static byte[] decode(String part) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException("Token is malformed: it is not base64url", e);
        }
        if (!ENCODER.encodeToString(bytes).equals(part)) {
            throw new InvalidSignatureException("Token is malformed: it is not in canonical base64url");
        }
        return bytes;
    }

    private static JsonObject parse(byte[] payloadBytes) {
        try {
            JsonObject payload = Json.createReader(new StringReader(new String(payloadBytes, StandardCharsets.UTF_8))).readObject();
            if (!(payload.get("exp") instanceof JsonNumber) || !(payload.get("pur") instanceof JsonString)) {
                throw new InvalidSignatureException("Token payload lacks its purpose or expiry");
            }
            return payload;
        } catch (JsonException | ClassCastException e) {
            throw new InvalidSignatureException("Token payload is not a JSON object", e);
        }
    }
}
