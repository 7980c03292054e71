package dev.tracks.storage.service;

import dev.tracks.storage.config.StorageConfig;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Runs the {@link Sweeper} every {@code storage.sweeper.interval} on the server's default
 * {@code ManagedScheduledExecutorService}, unless {@code storage.sweeper.enabled} is false.
 *
 * <p>The executor is looked up rather than injected, so an application without Jakarta
 * Concurrency still deploys; it then gets a WARNING and no sweeps.
 */
@ApplicationScoped
public class SweeperSchedule {

    private static final Logger LOG = System.getLogger("dev.tracks.storage");
    private static final String EXECUTOR = "java:comp/DefaultManagedScheduledExecutorService";

    @Inject
    Sweeper sweeper;

    @Inject
    StorageConfig config;

    private ScheduledFuture<?> schedule;

    void start(@Observes Startup startup) {
        if (!config.sweeperEnabled()) {
            LOG.log(Level.INFO, "Sweeper disabled by storage.sweeper.enabled=false");
            return;
        }
        long seconds = config.sweeperInterval().toSeconds();

        try {
            ManagedScheduledExecutorService executor = (ManagedScheduledExecutorService) new InitialContext().lookup(EXECUTOR);
            schedule = executor.scheduleWithFixedDelay(this::sweepNow, seconds, seconds, TimeUnit.SECONDS);
        } catch (NamingException e) {
            LOG.log(Level.WARNING, "Sweeper not scheduled: " + EXECUTOR + " is unavailable (" + e.getMessage() + "). Enable Jakarta"
                    + " Concurrency (Open Liberty: concurrent-3.0) or call Sweeper.sweep from your own scheduler");
            return;
        }

        LOG.log(Level.INFO, "Sweeper scheduled every {0}", config.sweeperInterval());
    }

    void stop(@Observes Shutdown shutdown) {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private void sweepNow() {
        try {
            sweeper.sweep(Clock.systemUTC().instant());
        } catch (RuntimeException e) {
            // A failed sweep must not cancel the schedule; the next one retries.
            LOG.log(Level.WARNING, "Sweep failed: " + e.getMessage(), e);
        }
    }
}
