package dev.tracks.storage.driver.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.DriverConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";

    @Test
    void onlyBucketGivesDefaults() {
        S3Settings settings = S3Settings.fromConfig(config(Map.of("storage.s3.bucket", "attachments")));

        assertThat(settings.bucket()).isEqualTo("attachments");
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.pathStyle()).isFalse();
        assertThat(settings.accessKey()).isEmpty();
        assertThat(settings.partSize()).isEqualTo(S3Settings.DEFAULT_PART_SIZE);
        assertThat(settings.usesAws()).isTrue();
    }

    @Test
    void everyKeyIsRead() {
        S3Settings settings = S3Settings.fromConfig(config(Map.of(
                "storage.s3.bucket", "attachments",
                "storage.s3.region", "eu-west-1",
                "storage.s3.endpoint", "https://minio.example.com:9000",
                "storage.s3.path-style", "TRUE",
                "storage.s3.access-key-id", KEY_ID,
                "storage.s3.secret-access-key", SECRET)));

        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.endpoint()).contains(URI.create("https://minio.example.com:9000"));
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.accessKey()).contains(new S3AccessKey(KEY_ID, SECRET));
        assertThat(settings.usesAws()).isFalse();
    }

    @Test
    void awsEndpointCountsAsAws() {
        S3Settings settings = S3Settings.fromConfig(config(Map.of(
                "storage.s3.bucket", "attachments",
                "storage.s3.endpoint", "https://s3.eu-west-1.amazonaws.com")));

        assertThat(settings.usesAws()).isTrue();
    }

    @Test
    void missingBucketNamesKey() {
        assertThatThrownBy(() -> S3Settings.fromConfig(config(Map.of("storage.s3.region", "eu-west-1"))))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessage("storage.s3.bucket is missing: set it to the name of the bucket that stores the objects");
    }

    @Test
    void invalidBucketNamesKey() {
        assertThatThrownBy(() -> S3Settings.fromConfig(config(Map.of("storage.s3.bucket", "my bucket/../x"))))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageStartingWith("storage.s3.bucket 'my bucket/../x' is invalid");
    }

    @Test
    void invalidRegionNamesKey() {
        assertThatThrownBy(() -> S3Settings.fromConfig(withBucket("storage.s3.region", "EU West")))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageStartingWith("storage.s3.region 'EU West' is invalid");
    }

    @Test
    void endpointThatIsNoUrlNamesKey() {
        assertThatThrownBy(() -> S3Settings.fromConfig(withBucket("storage.s3.endpoint", "http://exa mple.com")))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageStartingWith("storage.s3.endpoint 'http://exa mple.com' is not a URL");
    }

    @Test
    void endpointWithoutHttpNamesKey() {
        for (String endpoint : new String[] {"minio:9000", "ftp://minio.example.com", "/relative/path"}) {
            assertThatThrownBy(() -> S3Settings.fromConfig(withBucket("storage.s3.endpoint", endpoint)))
                    .as(endpoint)
                    .isInstanceOf(DriverConfigurationException.class)
                    .hasMessageStartingWith("storage.s3.endpoint '" + endpoint + "' is invalid")
                    .hasMessageContaining("http or https URL");
        }
    }

    @Test
    void pathStyleTypoNamesKey() {
        assertThatThrownBy(() -> S3Settings.fromConfig(withBucket("storage.s3.path-style", "yes")))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessage("storage.s3.path-style 'yes' is invalid: use 'true' or 'false'");
    }

    @Test
    void accessKeyIdWithoutSecretNamesSecretKey() {
        assertThatThrownBy(() -> S3Settings.fromConfig(withBucket("storage.s3.access-key-id", KEY_ID)))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageStartingWith("storage.s3.secret-access-key is missing while storage.s3.access-key-id is set")
                .hasMessageNotContaining(KEY_ID);
    }

    @Test
    void secretWithoutAccessKeyIdNamesIdKey() {
        assertThatThrownBy(() -> S3Settings.fromConfig(withBucket("storage.s3.secret-access-key", SECRET)))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageStartingWith("storage.s3.access-key-id is missing while storage.s3.secret-access-key is set")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void toStringHidesAccessKey() {
        S3Settings settings = new S3Settings("attachments", "us-east-1", Optional.empty(), false,
                Optional.of(new S3AccessKey(KEY_ID, SECRET)), S3Settings.DEFAULT_PART_SIZE);

        try (S3Driver driver = new S3Driver(settings)) {
            assertThat(settings.toString()).contains("attachments").doesNotContain(KEY_ID).doesNotContain(SECRET);
            assertThat(driver.toString()).contains("attachments").doesNotContain(KEY_ID).doesNotContain(SECRET);
        }
    }

    @Test
    void partSizeBelowS3MinimumIsRejected() {
        assertThatThrownBy(() -> new S3Settings("attachments", "us-east-1", Optional.empty(), false, Optional.empty(),
                S3Settings.MIN_PART_SIZE - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(S3Settings.MIN_PART_SIZE));
    }

    @Test
    void driverFromConfigUsesItsSettings() {
        try (S3Driver driver = S3Driver.fromConfig(withBucket("storage.s3.region", "eu-central-1"))) {
            assertThat(driver.name()).isEqualTo("s3");
            assertThat(driver.toString()).contains("attachments", "eu-central-1");
        }
    }

    private static Config withBucket(String key, String value) {
        Map<String, String> properties = new HashMap<>();
        properties.put("storage.s3.bucket", "attachments");
        properties.put(key, value);
        return config(properties);
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
    }
}
