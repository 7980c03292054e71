package dev.tracks.storage.service;

import dev.tracks.storage.StorageKey;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;

/**
 * Writes every storage log line, so they share one logger ({@code dev.tracks.storage}) and one
 * shape: the verb, then {@code key=… driver=…} and the figures.
 *
 * <p>Signed URLs and secrets are bearer credentials and never reach the log: signing records the
 * key and the expiry only.
 */
public final class StorageEvents {

    private static final Logger LOG = System.getLogger("dev.tracks.storage");

    private StorageEvents() {
    }

    /** Records a stored upload at INFO. */
    public static void uploaded(StorageKey key, String driver, long bytes, long millis) {
        LOG.log(Level.INFO, "Uploaded key={0} driver={1} bytes={2} in {3} ms", key, driver, Long.toString(bytes), Long.toString(millis));
    }

    /** Records a purged blob, row and object, at INFO. */
    public static void purged(StorageKey key, String driver, long bytes, long millis) {
        LOG.log(Level.INFO, "Purged key={0} driver={1} bytes={2} in {3} ms", key, driver, Long.toString(bytes), Long.toString(millis));
    }

    /** Records a deleted object at INFO. */
    public static void deleted(StorageKey key, String driver, long millis) {
        LOG.log(Level.INFO, "Deleted key={0} driver={1} in {2} ms", key, driver, Long.toString(millis));
    }

    /** Records a signed URL at DEBUG, without the URL itself. */
    public static void signed(String purpose, StorageKey key, String driver, Instant expiresAt) {
        LOG.log(Level.DEBUG, "Signed {0} URL key={1} driver={2} expires_at={3}", purpose, key, driver, expiresAt);
    }

    /** Records a failed clean-up at WARNING; the object or row it names is left behind. */
    public static void cleanupFailed(String what, StorageKey key, String driver, RuntimeException error) {
        LOG.log(Level.WARNING, "Cannot clean up " + what + " key=" + key + " driver=" + driver + ": it is left behind", error);
    }
}
