package dev.tracks.storage.driver.gcs;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import dev.tracks.storage.DriverConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Loads the credentials that {@link GcsSettings} selects. Failure messages name
 * {@code storage.gcs.credentials} and the key file's path; the SDK's error, kept as the cause, may
 * quote the file, so the messages leave it out.
 */
final class GcsCredentials {

    private static final String KEY = GcsSettings.PREFIX + "credentials";

    private GcsCredentials() {
    }

    /**
     * Returns the key file's service account, no credentials for an emulator host, or
     * Application Default Credentials.
     *
     * @throws DriverConfigurationException if the key file is unreadable or no credentials are found
     */
    static Credentials load(GcsSettings settings) {
        if (settings.credentials().isPresent()) {
            return fromKeyFile(settings.credentials().get());
        }
        if (settings.host().isPresent()) {
            return NoCredentials.getInstance();
        }
        return applicationDefault();
    }

    private static ServiceAccountCredentials fromKeyFile(Path keyFile) {
        try (InputStream in = Files.newInputStream(keyFile)) {
            return ServiceAccountCredentials.fromStream(in);
        } catch (NoSuchFileException e) {
            throw new DriverConfigurationException(KEY + " '" + keyFile + "' does not exist: set it to the path of a"
                    + " service-account JSON key file", e);
        } catch (IOException e) {
            throw new DriverConfigurationException(KEY + " '" + keyFile + "' is not a readable service-account JSON key:"
                    + " create a key for the service account in the Google Cloud console and point the setting at the"
                    + " downloaded file", e);
        }
    }

    private static GoogleCredentials applicationDefault() {
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new DriverConfigurationException(KEY + " is not set and no Application Default Credentials were found: set "
                    + KEY + " to a service-account key file, set GOOGLE_APPLICATION_CREDENTIALS, or run on Google Cloud"
                    + " with a service account", e);
        }
    }
}
