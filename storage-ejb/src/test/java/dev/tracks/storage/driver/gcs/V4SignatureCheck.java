package dev.tracks.storage.driver.gcs;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Verifies a GCS V4 signed URL with the signer's public key, the way GCS does on a request.
 *
 * <p>It rebuilds the canonical request and the string to sign from the URL and the request
 * headers alone, following Google's description in "Signing URLs manually"
 * (https://cloud.google.com/storage/docs/access-control/signing-urls-manually), and shares no code
 * with the SDK that signed the URL. Query names and values are decoded and re-encoded per
 * RFC 3986, so an encoding the SDK got wrong would fail here.
 */
final class V4SignatureCheck {

    private static final String ALGORITHM = "GOOG4-RSA-SHA256";

    private V4SignatureCheck() {
    }

    /**
     * Returns whether {@code url}, requested with {@code method} and {@code headers} (the host
     * header is taken from the URL), carries a valid signature of {@code key}'s private half.
     */
    static boolean verifies(URI url, String method, Map<String, String> headers, PublicKey key) {
        Map<String, String> query = queryOf(url);
        String signature = query.remove("X-Goog-Signature");
        if (signature == null || !ALGORITHM.equals(query.get("X-Goog-Algorithm"))) {
            return false;
        }
        String canonicalHeaders = canonicalHeaders(url, query.get("X-Goog-SignedHeaders"), headers);
        if (canonicalHeaders == null) {
            return false;
        }

        String canonicalRequest = method + "\n"
                + encode(decode(url.getRawPath()), false) + "\n"
                + canonicalQuery(query) + "\n"
                + canonicalHeaders + "\n"
                + query.get("X-Goog-SignedHeaders") + "\n"
                + "UNSIGNED-PAYLOAD";
        String credential = query.get("X-Goog-Credential");
        String stringToSign = ALGORITHM + "\n"
                + query.get("X-Goog-Date") + "\n"
                + credential.substring(credential.indexOf('/') + 1) + "\n"
                + HexFormat.of().formatHex(sha256(canonicalRequest));

        return rsaVerifies(stringToSign, signature, key);
    }

    /** Returns the decoded query parameters of {@code url}, in their order. */
    static Map<String, String> queryOf(URI url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
        }
        return query;
    }

    /** Returns {@code url} with one query parameter set to {@code value}, as a tampering client would. */
    static URI withQueryParameter(URI url, String name, String value) {
        Map<String, String> query = queryOf(url);
        query.put(name, value);
        String rawQuery = query.entrySet().stream()
                .map(entry -> encode(entry.getKey(), true) + "=" + encode(entry.getValue(), true))
                .collect(Collectors.joining("&"));
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath() + "?" + rawQuery);
    }

    // Each signed header as "name:value" on its own line, in the order of X-Goog-SignedHeaders,
    // which is sorted; null when the request lacks a signed header.
    private static String canonicalHeaders(URI url, String signedHeaders, Map<String, String> headers) {
        Map<String, String> lowercase = new TreeMap<>();
        headers.forEach((name, value) -> lowercase.put(name.toLowerCase(Locale.ROOT), value));
        lowercase.put("host", url.getRawAuthority());

        StringBuilder canonical = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            String value = lowercase.get(name);
            if (value == null) {
                return null;
            }
            canonical.append(name).append(':').append(value.strip().replaceAll("\\s+", " ")).append('\n');
        }
        return canonical.toString();
    }

    private static String canonicalQuery(Map<String, String> query) {
        TreeMap<String, String> sorted = new TreeMap<>();
        query.forEach((name, value) -> sorted.put(encode(name, true), encode(value, true)));
        return sorted.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("&"));
    }

    // RFC 3986: everything but unreserved characters is percent-encoded with upper-case hex;
    // the path keeps its slashes.
    private static String encode(String value, boolean encodeSlash) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0;
            if (unreserved || (c == '/' && !encodeSlash)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    // Percent-decoding only: unlike form decoding, '+' stays a plus sign.
    private static String decode(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                bytes.write(HexFormat.fromHexDigits(value, i + 1, i + 3));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean rsaVerifies(String stringToSign, String hexSignature, PublicKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return rsa.verify(HexFormat.of().parseHex(hexSignature));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
