package dev.tracks.storage.web;

import dev.tracks.storage.Blob;
import dev.tracks.storage.InvalidInputException;
import dev.tracks.storage.MalformedRequestException;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.service.DirectUpload;
import dev.tracks.storage.service.DirectUploadRequest;
import dev.tracks.storage.UploadTooLargeException;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;

/**
 * The direct-upload exchange in the shape of the Rails client ({@code @rails/activestorage}): the
 * request's {@code {"blob": {…}}} and the bare response object with the blob's fields,
 * {@code signed_id} and {@code direct_upload}.
 *
 * @param id the pending blob's id
 * @param key where the object will be stored
 * @param filename the declared filename
 * @param contentType the declared media type
 * @param byteSize the declared length in bytes
 * @param checksum the declared base64 MD5
 * @param status always {@code pending}
 * @param createdAt when the blob was reserved
 * @param signedId the blob's signed id, to hand back when attaching
 * @param directUpload where and how to upload the file
 */
@JsonbPropertyOrder({"id", "key", "filename", "contentType", "byteSize", "checksum", "status", "createdAt", "signedId",
    "directUpload"})
public record DirectUploadJson(
        @JsonbProperty("id") long id,
        @JsonbProperty("key") String key,
        @JsonbProperty("filename") String filename,
        @JsonbProperty("content_type") String contentType,
        @JsonbProperty("byte_size") long byteSize,
        @JsonbProperty("checksum") String checksum,
        @JsonbProperty("status") String status,
        @JsonbProperty("created_at") String createdAt,
        @JsonbProperty("signed_id") String signedId,
        @JsonbProperty("direct_upload") Target directUpload) {

    /** Largest accepted request body, in bytes: the four fields with room to spare. */
    public static final int MAX_BODY_SIZE = 16 * 1024;

    /**
     * The upload's URL and the headers the client must send with its {@code PUT}.
     *
     * @param url the absolute upload URL; a bearer credential until it expires
     * @param headers the request headers to send unchanged
     */
    @JsonbPropertyOrder({"url", "headers"})
    public record Target(@JsonbProperty("url") String url, @JsonbProperty("headers") Map<String, String> headers) {
    }

    /**
     * Returns the response for {@code upload}, with a relative upload URL resolved against
     * {@code applicationRoot}.
     */
    public static DirectUploadJson of(DirectUpload upload, URI applicationRoot) {
        Blob blob = upload.blob();
        SignedUrl url = upload.upload().resolveAgainst(applicationRoot);
        return new DirectUploadJson(blob.id(), blob.key().value(), blob.filename(), blob.contentType(), blob.byteSize(),
                blob.checksum().base64(), blob.status().columnValue(), blob.createdAt().toString(), upload.signedId(),
                new Target(url.uri().toString(), url.headers()));
    }

    /**
     * Reads the request body {@code {"blob": {"filename", "content_type", "byte_size", "checksum"}}},
     * at most {@value #MAX_BODY_SIZE} bytes. Other fields are ignored, so a client cannot set a
     * status, key or tenant.
     *
     * @throws MalformedRequestException if the body is not JSON, or {@code blob} is missing or not an object
     * @throws UploadTooLargeException if the body is longer than {@value #MAX_BODY_SIZE} bytes
     * @throws InvalidInputException if a field has the wrong JSON type
     */
    public static DirectUploadRequest readRequest(InputStream body) {
        return readRequest(parse(body));
    }

    private static DirectUploadRequest readRequest(JsonValue body) {
        if (!(body instanceof JsonObject object) || !(object.get("blob") instanceof JsonObject blob)) {
            throw new MalformedRequestException("blob", "Request body must be {\"blob\": {\"filename\": …, \"content_type\": …,"
                    + " \"byte_size\": …, \"checksum\": …}}");
        }
        return new DirectUploadRequest(string(blob, "filename"), string(blob, "content_type"), wholeNumber(blob, "byte_size"),
                string(blob, "checksum"));
    }

    private static JsonValue parse(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_BODY_SIZE + 1);
        } catch (IOException e) {
            throw new MalformedRequestException("blob", "Request body could not be read: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BODY_SIZE) {
            throw new UploadTooLargeException("blob", "Request body is longer than " + MAX_BODY_SIZE + " bytes: send only the"
                    + " blob's four fields", null);
        }

        // Parsers reject some input with a bare RuntimeException (Parsson, for nesting deeper than
        // 1,000 levels), and the bytes here are all the client's, so every failure is a bad body.
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readValue();
        } catch (RuntimeException e) {
            throw new MalformedRequestException("blob", "Request body is not valid JSON: send {\"blob\": {\"filename\": …,"
                    + " \"content_type\": …, \"byte_size\": …, \"checksum\": …}}", e);
        }
    }

    private static String string(JsonObject blob, String field) {
        JsonValue value = blob.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw new InvalidInputException(field, field + " must be a JSON string");
        }
        return text.getString();
    }

    private static Long wholeNumber(JsonObject blob, String field) {
        JsonValue value = blob.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new InvalidInputException(field, field + " must be a whole number of bytes");
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidInputException(field, field + " " + number + " is too large", e);
        }
    }
}
