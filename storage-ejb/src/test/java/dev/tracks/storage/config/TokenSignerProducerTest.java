package dev.tracks.storage.config;

import static dev.tracks.storage.config.StorageConfigTest.configOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.DriverConfigurationException;
import dev.tracks.storage.InvalidSignatureException;
import dev.tracks.storage.signing.TokenPurpose;
import dev.tracks.storage.signing.TokenSigner;
import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenSignerProducerTest {

    private static final String SECRET = "current-secret-0123456789abcdefgh";
    private static final String OLD_SECRET = "old-secret-0123456789abcdefghijklm";

    // System.Logger writes to java.util.logging when no other logging backend provides it.
    private final Logger log = Logger.getLogger(TokenSignerProducer.class.getName());
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

    private final TokenSignerProducer producer = new TokenSignerProducer();

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

    @Test
    void configuredSecretSignsTokens() {
        TokenSigner signer = producer.signer(configOf("storage.signing.secret", SECRET));

        String token = sign(signer);

        assertThat(signerOf(SECRET).verify(token, TokenPurpose.DOWNLOAD)).isNotNull();
        assertThat(records).isEmpty();
    }

    @Test
    void shortSecretIsRejectedNamingTheKey() {
        StorageConfig config = configOf("storage.signing.secret", "too-short-0123456789abcdef01234");

        assertThatThrownBy(() -> producer.signer(config))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageContaining("storage.signing.secret is 31 bytes long")
                .hasMessageContaining("at least 32");
    }

    @Test
    void secretIsMeasuredInUtf8Bytes() {
        // 16 characters of two bytes each are 32 bytes.
        String secret = "é".repeat(16);

        TokenSigner signer = producer.signer(configOf("storage.signing.secret", secret));

        assertThat(signer.verify(sign(signer), TokenPurpose.DOWNLOAD)).isNotNull();
    }

    @Test
    void shortPreviousSecretIsRejectedNamingTheKey() {
        StorageConfig config = configOf("storage.signing.secret", SECRET, "storage.signing.previous-secrets", "short");

        assertThatThrownBy(() -> producer.signer(config))
                .isInstanceOf(DriverConfigurationException.class)
                .hasMessageContaining("storage.signing.previous-secrets is 5 bytes long");
    }

    @Test
    void shortSecretIsNotRepeatedInTheMessage() {
        StorageConfig config = configOf("storage.signing.secret", "hunter2-hunter2");

        assertThatThrownBy(() -> producer.signer(config))
                .isInstanceOf(DriverConfigurationException.class)
                .message().doesNotContain("hunter2");
    }

    @Test
    void missingSecretDrawsARandomOneWithAWarning() {
        TokenSigner signer = producer.signer(configOf());

        assertThat(signer.verify(sign(signer), TokenPurpose.DOWNLOAD)).isNotNull();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(records.get(0).getMessage())
                .contains("storage.signing.secret is not set")
                .contains("random secret");
    }

    @Test
    void randomSecretsDifferBetweenSigners() {
        TokenSigner first = producer.signer(configOf());
        TokenSigner second = producer.signer(configOf());

        String token = sign(first);

        assertThatThrownBy(() -> second.verify(token, TokenPurpose.DOWNLOAD)).isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void tokenOfPreviousSecretStillVerifies() {
        TokenSigner signer = producer.signer(configOf(
                "storage.signing.secret", SECRET,
                "storage.signing.previous-secrets", "unrelated-secret-0123456789abcdef," + OLD_SECRET));

        String oldToken = sign(signerOf(OLD_SECRET));

        assertThat(signer.verify(oldToken, TokenPurpose.DOWNLOAD)).isNotNull();
    }

    @Test
    void previousSecretIsNotUsedForSigning() {
        TokenSigner signer = producer.signer(configOf(
                "storage.signing.secret", SECRET,
                "storage.signing.previous-secrets", OLD_SECRET));

        String token = sign(signer);

        assertThatThrownBy(() -> signerOf(OLD_SECRET).verify(token, TokenPurpose.DOWNLOAD))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void previousSecretsWorkWithoutACurrentOne() {
        TokenSigner signer = producer.signer(configOf("storage.signing.previous-secrets", OLD_SECRET));

        assertThat(signer.verify(sign(signerOf(OLD_SECRET)), TokenPurpose.DOWNLOAD)).isNotNull();
        assertThat(records).hasSize(1);
    }

    private static String sign(TokenSigner signer) {
        return signer.sign(TokenPurpose.DOWNLOAD, Json.createObjectBuilder().add("key", "tenants/acme/blobs/1").build(),
                Instant.now().plus(Duration.ofMinutes(5)));
    }

    private static TokenSigner signerOf(String secret) {
        return new TokenSigner(List.of(secret.getBytes(StandardCharsets.UTF_8)), Clock.systemUTC());
    }
}
