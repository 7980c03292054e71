package dev.tracks.storage.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracks.storage.AuthenticationRequiredException;
import dev.tracks.storage.BlobAttachedException;
import dev.tracks.storage.BlobNotFoundException;
import dev.tracks.storage.DriverConfigurationException;
import dev.tracks.storage.IntegrityException;
import dev.tracks.storage.InvalidInputException;
import dev.tracks.storage.InvalidKeyException;
import dev.tracks.storage.InvalidSignatureException;
import dev.tracks.storage.MalformedRequestException;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.TenantRequiredException;
import dev.tracks.storage.UploadTooLargeException;
import dev.tracks.storage.web.StorageErrors.Response;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StorageErrorsTest {

    // System.Logger writes to java.util.logging when no other logging backend provides it.
    private final Logger log = Logger.getLogger(StorageErrors.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void recordLog() {
        log.addHandler(recorder);
        log.setUseParentHandlers(false);
    }

    @AfterEach
    void stopRecordingLog() {
        log.removeHandler(recorder);
        log.setUseParentHandlers(true);
    }

    // Both exceptions extend InvalidInputException (422), so the table must match them first.
    @Test
    void uploadTooLargeIs413Not422() {
        Response response = StorageErrors.responseFor(new UploadTooLargeException("file", "File is over 5 GiB", null));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).isEqualTo(new ErrorBody("upload_too_large", "File is over 5 GiB"));
    }

    @Test
    void malformedRequestIs400Not422() {
        Response response = StorageErrors.responseFor(new MalformedRequestException("file", "Request is not multipart/form-data"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(new ErrorBody("malformed_request", "Request is not multipart/form-data"));
    }

    @Test
    void attachedBlobIs409() {
        Response response = StorageErrors.responseFor(new BlobAttachedException("Blob 7 is attached to a record"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).isEqualTo(new ErrorBody("blob_attached", "Blob 7 is attached to a record"));
    }

    @Test
    void invalidInputIs422() {
        Response response = StorageErrors.responseFor(new InvalidInputException("filename", "filename is blank"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).isEqualTo(new ErrorBody("invalid_input", "filename is blank"));
    }

    @Test
    void authenticationRequiredIs401() {
        Response response = StorageErrors.responseFor(new AuthenticationRequiredException("Log in first"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(new ErrorBody("authentication_required", "Log in first"));
    }

    @Test
    void tenantRequiredIs403() {
        Response response = StorageErrors.responseFor(new TenantRequiredException("No tenant for alice"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(new ErrorBody("tenant_required", "No tenant for alice"));
    }

    @Test
    void blobNotFoundIs404WithItsMessage() {
        Response response = StorageErrors.responseFor(new BlobNotFoundException("No blob 42 for tenant acme"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(new ErrorBody("blob_not_found", "No blob 42 for tenant acme"));
    }

    @Test
    void invalidSignatureIs404HidingWhy() {
        Response response = StorageErrors.responseFor(new InvalidSignatureException("Token has expired: request a new URL"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().error()).isEqualTo("not_found");
        assertThat(response.body().message()).doesNotContain("expired: request").contains("invalid or has expired");
    }

    @Test
    void invalidKeyIs404HidingTheKey() {
        Response response = StorageErrors.responseFor(new InvalidKeyException("Storage key '../etc/passwd' is invalid"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().error()).isEqualTo("not_found");
        assertThat(response.body().message()).doesNotContain("passwd");
    }

    @Test
    void signatureAndKeyFailuresLookAlike() {
        Response signature = StorageErrors.responseFor(new InvalidSignatureException("Token signature is invalid"));
        Response key = StorageErrors.responseFor(new InvalidKeyException("Storage key 'x' is invalid"));

        assertThat(signature).isEqualTo(key);
    }

    @Test
    void integrityFailureIs422() {
        Response response = StorageErrors.responseFor(new IntegrityException("Upload has 5 bytes but its declared byte_size is 10"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).isEqualTo(new ErrorBody("integrity_error", "Upload has 5 bytes but its declared byte_size is 10"));
    }

    @Test
    void misconfigurationIs500HidingDetails() {
        Response response = StorageErrors.responseFor(new DriverConfigurationException("storage.s3.bucket is not set"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body().error()).isEqualTo("storage_misconfigured");
        assertThat(response.body().message()).doesNotContain("storage.s3.bucket").contains("see the server log");
    }

    @Test
    void storeFailureIs500HidingDetails() {
        StorageException failure = new StorageException("Cannot write /var/lib/storage/tenants/acme: disk full", new IOException("ENOSPC"));

        Response response = StorageErrors.responseFor(failure);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body().error()).isEqualTo("storage_error");
        assertThat(response.body().message()).doesNotContain("/var/lib").doesNotContain("disk full");
    }

    @Test
    void unknownSubclassIsAStoreFailure() {
        StorageException custom = new StorageException("Bucket unreachable") {
            private static final long serialVersionUID = 1L;
        };

        assertThat(StorageErrors.responseFor(custom).status()).isEqualTo(500);
        assertThat(StorageErrors.responseFor(custom).body().error()).isEqualTo("storage_error");
    }

    @Test
    void serverFailureIsLoggedWithItsCause() {
        StorageException failure = new StorageException("Cannot write: disk full", new IOException("ENOSPC"));

        StorageErrors.responseFor(failure);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).getLevel()).isEqualTo(Level.SEVERE);
        assertThat(records.get(0).getMessage()).contains("disk full");
        assertThat(records.get(0).getThrown()).isSameAs(failure);
    }

    @Test
    void clientFailureIsNotLogged() {
        StorageErrors.responseFor(new BlobNotFoundException("No blob 42"));
        StorageErrors.responseFor(new InvalidSignatureException("Token has expired"));

        assertThat(records).isEmpty();
    }
}
