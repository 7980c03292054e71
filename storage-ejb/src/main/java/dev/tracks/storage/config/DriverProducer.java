package dev.tracks.storage.config;

import dev.tracks.storage.Driver;
import dev.tracks.storage.DriverConfigurationException;
import dev.tracks.storage.driver.disk.DiskDriver;
import dev.tracks.storage.driver.gcs.GcsDriver;
import dev.tracks.storage.driver.s3.S3Driver;
import dev.tracks.storage.signing.TokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.time.Clock;

/**
 * Builds the driver named by {@code storage.driver} once per application and closes it at
 * shutdown.
 *
 * <p>The JVM loads a class on its first use, so the cloud drivers and their SDKs are loaded only
 * when selected, and a WAR that uses the disk driver needs neither cloud SDK. Selecting one whose
 * SDK is missing fails at startup with the artifact to add.
 */
@ApplicationScoped
public class DriverProducer {

    private static final System.Logger LOG = System.getLogger(DriverProducer.class.getName());

    /**
     * Returns the configured driver. It is a {@code @Singleton}, not a proxied scope, so the disk
     * endpoint can check whether it is the {@link DiskDriver}.
     */
    @Produces
    @Singleton
    public Driver driver(StorageConfig config, TokenSigner signer) {
        Driver driver = switch (config.driver()) {
            case "disk" -> new DiskDriver(config.diskRoot(), signer, config.diskEndpoint(), Clock.systemUTC());
            case "s3" -> s3(config);
            case "gcs" -> gcs(config);
            default -> throw new DriverConfigurationException("storage.driver '" + config.driver()
                    + "' is unknown: use 'disk', 's3' or 'gcs'");
        };

        LOG.log(Level.INFO, "Storage driver {0} ready", driver.name());
        return driver;
    }

    /**
     * Creates the driver during startup, so a wrong setting fails the deployment instead of the
     * first upload.
     */
    void createAtStartup(@Observes Startup startup, Driver driver) {
        driver.name();
    }

    void close(@Disposes Driver driver) {
        driver.close();
    }

    private static Driver s3(StorageConfig config) {
        requireClass("software.amazon.awssdk.services.s3.S3Client", "software.amazon.awssdk:s3", "s3");
        return S3Driver.fromConfig(config.config());
    }

    private static Driver gcs(StorageConfig config) {
        requireClass("com.google.cloud.storage.Storage", "com.google.cloud:google-cloud-storage", "gcs");
        return GcsDriver.fromConfig(config.config());
    }

    private static void requireClass(String className, String artifact, String driver) {
        try {
            Class.forName(className, false, DriverProducer.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new DriverConfigurationException("storage.driver=" + driver + " needs " + artifact + " on the class path: add it"
                    + " to your WAR (WEB-INF/lib), or set storage.driver=disk", e);
        }
    }
}
