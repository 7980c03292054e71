package dev.tracks.storage.config;

import dev.tracks.storage.DriverConfigurationException;
import dev.tracks.storage.signing.SignedIds;
import dev.tracks.storage.signing.TokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the one {@link TokenSigner} of the application from {@code storage.signing.secret} and
 * {@code storage.signing.previous-secrets}, and the signer of blob ids on top of it.
 */
@ApplicationScoped
public class TokenSignerProducer {

    /** Shortest accepted secret, in bytes of UTF-8: as long as the HMAC-SHA256 output. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final System.Logger LOG = System.getLogger(TokenSignerProducer.class.getName());

    /**
     * Returns the signer. Without a configured secret a random one is drawn, which is fine for one
     * development server but breaks URLs on restart and across a cluster, so a WARNING is logged.
     */
    @Produces
    @Singleton
    public TokenSigner signer(StorageConfig config) {
        List<byte[]> secrets = new ArrayList<>();
        secrets.add(config.signingSecret().map(secret -> checked("storage.signing.secret", secret)).orElseGet(this::randomSecret));
        config.previousSigningSecrets().forEach(secret -> secrets.add(checked("storage.signing.previous-secrets", secret)));

        return new TokenSigner(secrets, Clock.systemUTC());
    }

    /**
     * Returns the signer of blob ids, valid for {@code storage.signed-id.expiry}.
     */
    @Produces
    @Singleton
    public SignedIds signedIds(TokenSigner signer, StorageConfig config) {
        return new SignedIds(signer, config.signedIdExpiry(), Clock.systemUTC());
    }

    private byte[] randomSecret() {
        LOG.log(Level.WARNING, "storage.signing.secret is not set: signing with a random secret drawn at startup. Signed URLs"
                + " and ids stop working on restart and differ between servers; set storage.signing.secret to at least "
                + MIN_SECRET_LENGTH + " random characters in production");
        byte[] secret = new byte[MIN_SECRET_LENGTH];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    private static byte[] checked(String key, String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_LENGTH) {
            throw new DriverConfigurationException(key + " is " + bytes.length + " bytes long: use at least " + MIN_SECRET_LENGTH
                    + " random characters, for example the output of 'openssl rand -base64 48'");
        }
        return bytes;
    }
}
