package dev.tracks.storage.driver.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.ContentDisposition;
import dev.tracks.storage.DriverConfigurationException;
import dev.tracks.storage.SignedUrl;
import dev.tracks.storage.StorageException;
import dev.tracks.storage.StorageKey;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks {@link GcsDriver#fromConfig} with a real MicroProfile Config: every error names the key
 * to fix, and a key file generated for the test gives a driver that signs offline.
 */
class GcsSettingsTest {

    @TempDir
    Path folder;

    @Test
    void optionalKeysHaveDefaults() {
        GcsSettings settings = GcsSettings.fromConfig(config(Map.of("storage.gcs.bucket", "acme-files")));

        assertThat(settings).isEqualTo(new GcsSettings("acme-files", Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void everyKeyIsRead() {
        GcsSettings settings = GcsSettings.fromConfig(config(Map.of(
                "storage.gcs.bucket", "acme-files",
                "storage.gcs.project-id", "acme-prod",
                "storage.gcs.credentials", "/etc/tracks/gcs-key.json",
                "storage.gcs.host", "http://127.0.0.1:4443")));

        assertThat(settings.projectId()).hasValue("acme-prod");
        assertThat(settings.credentials()).hasValue(Path.of("/etc/tracks/gcs-key.json"));
        assertThat(settings.host()).hasValue(URI.create("http://127.0.0.1:4443"));
    }

    @Test
    void missingBucketNamesKey() {
        assertThatThrownBy(() -> GcsDriver.fromConfig(config(Map.of())))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageStartingWith("storage.gcs.bucket is missing");
    }

    @Test
    void blankBucketNamesKey() {
        assertThatThrownBy(() -> GcsDriver.fromConfig(config(Map.of("storage.gcs.bucket", "  "))))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageStartingWith("storage.gcs.bucket is missing");
    }

    @Test
    void invalidBucketNamesKey() {
        for (String bucket : new String[] {"Acme", "ab", "acme/files", "-acme", "a".repeat(64)}) {
            assertThatThrownBy(() -> GcsDriver.fromConfig(config(Map.of("storage.gcs.bucket", bucket))))
                    .as(bucket)
                    .isInstanceOf(DriverConfigurationException.class)
                    .hasMessageStartingWith("storage.gcs.bucket '" + bucket + "' is not a valid bucket name");
        }
    }

    @Test
    void dottedBucketMayExceed63Characters() {
        String bucket = "a".repeat(60) + ".example.com";

        assertThat(GcsSettings.ofBucket(bucket).bucket()).isEqualTo(bucket);
    }

    @Test
    void hostWithoutHttpSchemeNamesKey() {
        assertThatThrownBy(() -> GcsDriver.fromConfig(config(Map.of("storage.gcs.bucket", "acme-files", "storage.gcs.host", "ftp://x"))))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageStartingWith("storage.gcs.host 'ftp://x' is invalid");
    }

    @Test
    void malformedHostNamesKey() {
        assertThatThrownBy(() -> GcsDriver.fromConfig(config(Map.of("storage.gcs.bucket", "acme-files", "storage.gcs.host", "http://a b"))))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageStartingWith("storage.gcs.host 'http://a b' is not a URL");
    }

    @Test
    void missingKeyFileNamesKey() {
        Path missing = folder.resolve("missing.json");

        assertThatThrownBy(() -> GcsDriver.fromConfig(config(Map.of(
                "storage.gcs.bucket", "acme-files", "storage.gcs.credentials", missing.toString()))))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageStartingWith("storage.gcs.credentials '" + missing + "' does not exist");
    }

    @Test
    void userCredentialsFileIsRejected() throws IOException {
        Path userCredentials = Files.writeString(folder.resolve("user.json"),
                "{\"type\": \"authorized_user\", \"client_id\": \"x\", \"client_secret\": \"do-not-print\", \"refresh_token\": \"y\"}");

        assertThatThrownBy(() -> GcsDriver.fromConfig(config(Map.of(
                "storage.gcs.bucket", "acme-files", "storage.gcs.credentials", userCredentials.toString()))))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageStartingWith("storage.gcs.credentials '" + userCredentials + "' is not a readable service-account JSON key")
                .message().doesNotContain("do-not-print");
    }

    @Test
    void keyFileGivesDriverThatSignsOffline() throws IOException {
        TestServiceAccount account = TestServiceAccount.generate();
        Path keyFile = account.writeKeyFile(folder.resolve("key.json"));
        StorageKey key = new StorageKey("tenants/acme/blobs/0d9a1a5e-0f7a-4d55-9d0c-2c8f3b4a1e77");

        try (GcsDriver driver = GcsDriver.fromConfig(config(Map.of(
                "storage.gcs.bucket", "acme-files", "storage.gcs.credentials", keyFile.toString())))) {
            SignedUrl url = driver.signDownload(key, Duration.ofMinutes(5),
                    new ContentDisposition(ContentDisposition.Type.INLINE, null), "text/plain");

            assertThat(driver.name()).isEqualTo("gcs");
            assertThat(url.uri().toString()).startsWith("https://storage.googleapis.com/acme-files/" + key.value() + "?");
            assertThat(V4SignatureCheck.verifies(url.uri(), "GET", Map.of(), account.publicKey())).isTrue();
        }
    }

    @Test
    void emulatorHostWithoutKeyCannotSign() {
        // The project id keeps the SDK from asking the metadata server for one.
        try (GcsDriver driver = GcsDriver.fromConfig(config(Map.of("storage.gcs.bucket", "acme-files",
                "storage.gcs.project-id", "acme-dev", "storage.gcs.host", "http://127.0.0.1:4443")))) {
            assertThatThrownBy(() -> driver.signDownload(new StorageKey("a/b"), Duration.ofMinutes(1),
                    new ContentDisposition(ContentDisposition.Type.INLINE, null), "text/plain"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("Set storage.gcs.credentials to a service-account key file");
        }
    }

    @Test
    void settingsToStringShowsPathNotKey() throws IOException {
        Path keyFile = TestServiceAccount.generate().writeKeyFile(folder.resolve("key.json"));

        GcsSettings settings = new GcsSettings("acme-files", Optional.empty(), Optional.of(keyFile), Optional.empty());

        assertThat(settings.toString()).contains(keyFile.toString()).doesNotContain("PRIVATE KEY");
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }
}
