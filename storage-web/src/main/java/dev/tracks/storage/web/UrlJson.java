package dev.tracks.storage.web;

import dev.tracks.storage.SignedUrl;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A signed download URL as JSON.
 *
 * @param url the absolute URL; a bearer credential until it expires
 * @param expiresAt when it stops working, ISO-8601 in UTC
 */
@JsonbPropertyOrder({"url", "expiresAt"})
public record UrlJson(@JsonbProperty("url") String url, @JsonbProperty("expires_at") String expiresAt) {

    /**
     * Returns the JSON form of an absolute signed URL.
     */
    public static UrlJson of(SignedUrl url) {
        return new UrlJson(url.uri().toString(), url.expiresAt().toString());
    }
}
