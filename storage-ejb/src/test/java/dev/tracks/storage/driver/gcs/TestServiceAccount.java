package dev.tracks.storage.driver.gcs;

import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * A service account whose RSA key is generated when a test starts, so no private key is ever
 * committed. It signs URLs offline, and its public key verifies them.
 */
final class TestServiceAccount {

    static final String EMAIL = "tracks-test@tracks-test-project.iam.gserviceaccount.com";
    static final String PROJECT = "tracks-test-project";

    private final KeyPair keyPair;

    private TestServiceAccount(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    static TestServiceAccount generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestServiceAccount(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot generate RSA keys", e);
        }
    }

    RSAPublicKey publicKey() {
        return (RSAPublicKey) keyPair.getPublic();
    }

    /** Returns credentials that sign with the private key, built in memory. */
    ServiceAccountCredentials credentials() {
        return ServiceAccountCredentials.newBuilder()
                .setClientEmail(EMAIL)
                .setClientId("100000000000000000001")
                .setPrivateKey((RSAPrivateKey) keyPair.getPrivate())
                .setPrivateKeyId("test-key")
                .setProjectId(PROJECT)
                .build();
    }

    /** Writes the key as the JSON key file the Google Cloud console hands out. */
    Path writeKeyFile(Path file) throws IOException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keyPair.getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
        String json = """
                {
                  "type": "service_account",
                  "project_id": "%s",
                  "private_key_id": "test-key",
                  "private_key": "%s",
                  "client_email": "%s",
                  "client_id": "100000000000000000001",
                  "token_uri": "https://oauth2.googleapis.com/token"
                }
                """.formatted(PROJECT, pem.replace("\n", "\\n"), EMAIL);
        return Files.writeString(file, json);
    }
}
