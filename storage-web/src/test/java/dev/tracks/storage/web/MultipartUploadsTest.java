package dev.tracks.storage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.Blob;
import dev.tracks.storage.BlobStatus;
import dev.tracks.storage.Checksum;
import dev.tracks.storage.MalformedRequestException;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.TenantId;
import dev.tracks.storage.UploadTooLargeException;
import dev.tracks.storage.config.StorageConfig;
import dev.tracks.storage.service.AttachmentRules;
import dev.tracks.storage.service.StorageService;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What {@link MultipartUploads} keeps and rejects, with a {@link StorageService} that keeps files in
 * memory: the web layer's rules on top of the parser. The real service, driver and server are
 * exercised by the upload servlet's integration tests.
 */
class MultipartUploadsTest {

    private static final String BOUNDARY = "----tracks-unit-9f3a";

    private final InMemoryStorage storage = new InMemoryStorage();

    @Test
    void filePartIsStoredWithTheOtherFields() {
        Body body = new Body().field("title", "Lamp").file("file", "lamp.png", "image/png", "PNG bytes").field("title", "ignored");

        ReceivedUpload upload = uploads().receive(body.request());

        assertThat(upload.blob().filename()).isEqualTo("lamp.png");
        assertThat(upload.blob().contentType()).isEqualTo("image/png");
        assertThat(storage.kept()).containsExactly("PNG bytes");
        assertThat(upload.fields()).containsExactly(Map.entry("title", "Lamp"));
    }

    @Test
    void emptyFileIsStored() {
        ReceivedUpload upload = uploads().receive(new Body().file("file", "empty.txt", null, "").request());

        assertThat(upload.blob().byteSize()).isZero();
        assertThat(storage.kept()).containsExactly("");
    }

    @Test
    void configuredPartNameCarriesTheFile() {
        Body body = new Body().file("file", "a.txt", "text/plain", "not this").file("upload", "b.txt", "text/plain", "this");

        assertThatThrownBy(() -> uploads("storage.upload.part-name", "upload").receive(body.request()))
                .isInstanceOf(MalformedRequestException.class)
                .hasMessageContaining("Part 'file' is a file");
        assertThat(uploads("storage.upload.part-name", "upload").receive(new Body().file("upload", "b.txt", null, "this").request())
                .blob().filename()).isEqualTo("b.txt");
    }

    @Test
    void partsWithoutNameAreSkipped() {
        Body body = new Body().raw("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nstray\r\n").file("file", "a.txt", null, "kept");

        assertThat(uploads().receive(body.request()).fields()).isEmpty();
        assertThat(storage.kept()).containsExactly("kept");
    }

    @Test
    void nonFormDataRequestIsMalformed() {
        Body body = new Body().file("file", "a.txt", null, "x");

        assertMalformed(request("POST", "image/png", -1, body.bytes()), "not multipart/form-data");
        assertMalformed(request("POST", "multipart/mixed; boundary=" + BOUNDARY, -1, body.bytes()), "not multipart/form-data");
        assertMalformed(request("GET", body.contentType(), -1, body.bytes()), "not multipart/form-data");
        assertMalformed(request("POST", null, -1, body.bytes()), "not multipart/form-data");
        assertMalformed(request("POST", "multipart/form-data", -1, body.bytes()), "no valid boundary");
        assertMalformed(request("POST", "multipart/form-data; boundary=" + "b".repeat(71), -1, body.bytes()), "no valid boundary");
    }

    @Test
    void fileWithoutFilenameIsMalformed() {
        assertMalformed(new Body().field("file", "just text").request(), "has no filename");
        assertMalformed(new Body().file("file", "", null, "x").request(), "has no filename");
        assertMalformed(new Body().file("file", "  ", null, "x").request(), "has no filename");
        assertThat(storage.kept()).isEmpty();
    }

    @Test
    void filenameWithNulIsMalformed() {
        assertThatThrownBy(() -> uploads().receive(new Body().file("file", "a\u0000.txt", null, "x").request()))
                .isInstanceOf(MalformedRequestException.class)
                .hasMessageContaining("NUL")
                .extracting("field").isEqualTo("filename");
    }

    @Test
    void requestWithoutFilePartIsMalformed() {
        assertMalformed(new Body().field("title", "Lamp").request(), "has no file part named 'file'");
    }

    @Test
    void secondFilePurgesTheFirst() {
        Body body = new Body().file("file", "a.txt", null, "first").file("file", "b.txt", null, "second");

        assertMalformed(body.request(), "more than one part named 'file'");
        assertThat(storage.purged()).containsExactly("a.txt");
    }

    @Test
    void fileInOtherPartPurgesTheFile() {
        Body body = new Body().file("file", "a.txt", null, "first").file("photo", "b.png", null, "second");

        assertMalformed(body.request(), "Part 'photo' is a file");
        assertThat(storage.purged()).containsExactly("a.txt");
    }

    @Test
    void base64FilePartIsMalformed() {
        Body body = new Body().raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hw.txt\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\naGVsbG8gd29ybGQK\r\n");

        assertMalformed(body.request(), "Content-Transfer-Encoding base64");
        assertThat(storage.kept()).isEmpty();
    }

    @Test
    void unusedFileInputIsSkipped() {
        Body body = new Body().file("file", "a.txt", null, "first").file("photo", "", "application/octet-stream", "");

        ReceivedUpload upload = uploads().receive(body.request());

        assertThat(upload.blob().filename()).isEqualTo("a.txt");
        assertThat(upload.fields()).isEmpty();
        assertThat(storage.purged()).isEmpty();
    }

    @Test
    void nonEmptyNamelessFileIsMalformed() {
        Body body = new Body().file("file", "a.txt", null, "first").file("photo", "", null, "not empty");

        assertMalformed(body.request(), "Part 'photo' is a file");
        assertThat(storage.purged()).containsExactly("a.txt");
    }

    @Test
    void bodyCutAfterFilePurgesTheFile() {
        byte[] complete = new Body().file("file", "a.txt", null, "first").field("title", "Lamp").bytes();
        byte[] cut = Arrays.copyOf(complete, complete.length - 20);

        assertMalformed(request("POST", new Body().contentType(), cut.length, cut), "Multipart body is malformed");
        assertThat(storage.purged()).containsExactly("a.txt");
    }

    @Test
    void failedPurgeKeepsTheClientError() {
        storage.failPurges();
        Body body = new Body().file("file", "a.txt", null, "first").file("file", "b.txt", null, "second");

        assertMalformed(body.request(), "more than one part named 'file'");
        assertThat(storage.purged()).isEmpty();
    }

    @Test
    void bodyCutInsideFileKeepsNothing() {
        byte[] complete = new Body().file("file", "a.txt", null, "x".repeat(100_000)).bytes();
        byte[] cut = Arrays.copyOf(complete, 50_000);

        assertMalformed(request("POST", new Body().contentType(), -1, cut), "Multipart body is malformed");
        assertThat(storage.kept()).isEmpty();
    }

    @Test
    void clientThatDisconnectsGetsBadRequest() {
        byte[] start = new Body().file("file", "a.txt", null, "x".repeat(100_000)).bytes();
        InputStream disconnecting = new InputStream() {
            private int read;

            @Override
            public int read() throws IOException {
                if (read == 50_000) {
                    throw new IOException("Connection reset by peer");
                }
                return start[read++] & 0xff;
            }
        };

        assertMalformed(request("POST", new Body().contentType(), -1, disconnecting), "could not be read to its end");
        assertThat(storage.kept()).isEmpty();
    }

    @Test
    void fileOverSizeLimitIsTooLarge() {
        Body body = new Body().file("file", "a.txt", null, "12345");

        assertThat(uploads("storage.upload.max-file-size", "5").receive(body.request()).blob().byteSize()).isEqualTo(5);
        assertTooLarge(uploads("storage.upload.max-file-size", "4"), body.request(), "storage.upload.max-file-size");
    }

    @Test
    void requestOverSizeLimitIsTooLarge() {
        Body body = new Body().file("file", "a.txt", null, "12345");
        String limit = String.valueOf(body.bytes().length - 1);

        assertTooLarge(uploads("storage.upload.max-request-size", limit), request("POST", body.contentType(), -1, body.bytes()),
                "storage.upload.max-request-size");
        assertThat(storage.kept()).isEmpty();
    }

    @Test
    void declaredLengthOverLimitIsNotRead() {
        InputStream unread = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("The body was read");
            }
        };

        assertTooLarge(uploads("storage.upload.max-request-size", "1000"), request("POST", new Body().contentType(), 1001, unread),
                "Request body of 1001 bytes");
    }

    @Test
    void partsOverLimitAreTooLarge() {
        Body body = new Body().field("a", "1").field("b", "2").file("file", "a.txt", null, "x");

        assertThat(uploads("storage.upload.max-parts", "3").receive(body.request()).fields()).hasSize(2);
        assertTooLarge(uploads("storage.upload.max-parts", "2"), body.request(), "storage.upload.max-parts");
    }

    @Test
    void partHeadersOverLimitAreTooLarge() {
        Body body = new Body().file("file", "a".repeat(200) + ".txt", null, "x");

        assertTooLarge(uploads("storage.upload.max-part-header-size", "200"), body.request(), "storage.upload.max-part-header-size");
    }

    @Test
    void fieldOverSixtyFourKibIsTooLarge() {
        String largest = "v".repeat(MultipartUploads.MAX_FIELD_SIZE);

        assertThat(uploads().receive(new Body().field("note", largest).file("file", "a.txt", null, "x").request()).fields())
                .containsEntry("note", largest);
        assertTooLarge(uploads(), new Body().field("note", largest + "v").file("file", "a.txt", null, "x").request(), "longer than");
    }

    private MultipartUploads uploads(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        MultipartUploads uploads = new MultipartUploads();
        uploads.storage = storage;
        uploads.config = new StorageConfig(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build());
        return uploads;
    }

    private void assertMalformed(HttpServletRequest request, String message) {
        assertThatThrownBy(() -> uploads().receive(request)).isInstanceOf(MalformedRequestException.class)
                .isNotInstanceOf(UploadTooLargeException.class)
                .hasMessageContaining(message);
    }

    private static void assertTooLarge(MultipartUploads uploads, HttpServletRequest request, String message) {
        assertThatThrownBy(() -> uploads.receive(request)).isInstanceOf(UploadTooLargeException.class).hasMessageContaining(message);
    }

    private static HttpServletRequest request(String method, String contentType, long contentLength, byte[] body) {
        return request(method, contentType, contentLength, new ByteArrayInputStream(body));
    }

    // Only the methods MultipartUploads calls are implemented; any other call fails the test.
    private static HttpServletRequest request(String method, String contentType, long contentLength, InputStream body) {
        ServletInputStream servletBody = new ServletInputStream() {
            @Override
            public int read() throws IOException {
                return body.read();
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                return body.read(target, offset, length);
            }

            @Override
            public boolean isFinished() {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(MultipartUploadsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, called, arguments) -> switch (called.getName()) {
                    case "getMethod" -> method;
                    case "getContentType" -> contentType;
                    case "getContentLengthLong" -> contentLength;
                    case "getInputStream" -> servletBody;
                    default -> throw new UnsupportedOperationException(called.getName());
                });
    }

    /** A multipart/form-data body built part by part. */
    private static final class Body {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Body field(String name, String value) {
            return raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        }

        Body file(String name, String filename, String contentType, String content) {
            return raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                    + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n" + content + "\r\n");
        }

        Body raw(String text) {
            bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + BOUNDARY;
        }

        byte[] bytes() {
            ByteArrayOutputStream complete = new ByteArrayOutputStream();
            complete.writeBytes(bytes.toByteArray());
            complete.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return complete.toByteArray();
        }

        HttpServletRequest request() {
            byte[] body = bytes();
            return MultipartUploadsTest.request("POST", contentType(), body.length, body);
        }
    }

    /**
     * Reads each file to its end the way a driver does and keeps it in memory; a read failure
     * becomes a {@link StorageException}, as drivers report failed writes.
     */
    private static final class InMemoryStorage extends StorageService {

        private final List<String> kept = new ArrayList<>();
        private final List<String> purged = new ArrayList<>();

        @Override
        public Blob attach(InputStream content, String filename, String declaredContentType, AttachmentRules rules) {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            try {
                content.transferTo(file);
            } catch (IOException e) {
                throw new StorageException("Writing " + filename + " failed", e);
            }

            kept.add(file.toString(StandardCharsets.UTF_8));
            TenantId tenant = new TenantId("acme");
            return new Blob(kept.size(), StorageKey.forBlob(tenant, UUID.randomUUID()), filename, declaredContentType, file.size(),
                    Checksum.ofMd5(md5(file.toByteArray())), BlobStatus.ACTIVE, Instant.now(), tenant);
        }

        private boolean purgesFail;

        // A deferred purge would roll back with the caller's transaction, so only purgeNow counts.
        @Override
        public void purgeNow(Blob blob) {
            if (purgesFail) {
                throw new StorageException("Deleting " + blob.filename() + " failed");
            }
            purged.add(blob.filename());
        }

        void failPurges() {
            purgesFail = true;
        }

        List<String> kept() {
            return kept;
        }

        List<String> purged() {
            return purged;
        }

        private static byte[] md5(byte[] content) {
            try {
                return MessageDigest.getInstance("MD5").digest(content);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
