package dev.tracks.storage.sample;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A {@code multipart/form-data} request body built the way a browser sends a form: parts in
 * order, a known {@code Content-Length}, file content streamed from a supplier so that a large
 * file never sits in memory.
 */
final class MultipartBody {

    private final String boundary = "----SampleAppIT" + UUID.randomUUID().toString().replace("-", "");
    private final List<Supplier<InputStream>> pieces = new ArrayList<>();
    private long length;

    /**
     * Adds a plain text field.
     */
    MultipartBody field(String name, String value) {
        text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    /**
     * Adds a file part whose bytes are in memory.
     */
    MultipartBody file(String name, String filename, String contentType, byte[] content) {
        return file(name, filename, contentType, content.length, () -> new ByteArrayInputStream(content));
    }

    /**
     * Adds a file part of exactly {@code contentLength} bytes, read from a new stream of
     * {@code content} each time the body is sent.
     */
    MultipartBody file(String name, String filename, String contentType, long contentLength, Supplier<InputStream> content) {
        text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        pieces.add(content);
        length += contentLength;
        text("\r\n");
        return this;
    }

    /**
     * Returns the {@code Content-Type} header, boundary included.
     */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /**
     * Closes the body and returns a publisher that streams it with its exact length.
     */
    HttpRequest.BodyPublisher publisher() {
        List<Supplier<InputStream>> parts = new ArrayList<>(pieces);
        byte[] closing = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        parts.add(() -> new ByteArrayInputStream(closing));

        Supplier<InputStream> whole = () -> new SequenceInputStream(Collections.enumeration(parts.stream().map(Supplier::get).toList()));
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(whole), length + closing.length);
    }

    private void text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        pieces.add(() -> new ByteArrayInputStream(bytes));
        length += bytes.length;
    }
}
