package dev.tracks.storage.sample;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import java.lang.System.Logger.Level;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database up to date when the application starts, before it serves a request.
 *
 * <p>The library's migrations and the application's run as two Flyway histories, each with its own
 * table, so their version numbers never collide. Each run baselines at version 0 when it finds
 * the other's tables but no history of its own, so its V1 still runs. On Liberty, Flyway finds
 * each folder through the empty {@code flyway.location} file in it.
 */
@ApplicationScoped
public class DatabaseMigrations {

    private static final System.Logger LOG = System.getLogger(DatabaseMigrations.class.getName());

    @Resource(lookup = "jdbc/sample")
    DataSource dataSource;

    void migrate(@Observes Startup startup) {
        migrate("classpath:db/migration/tracks-storage/h2", "tracks_storage_schema_history");
        migrate("classpath:db/migration/sample", "flyway_schema_history");
    }

    private void migrate(String location, String historyTable) {
        MigrateResult result = Flyway.configure(DatabaseMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(location)
                .callbackLocations(location)
                .table(historyTable)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .failOnMissingLocations(true)
                .load()
                .migrate();

        String version = Objects.requireNonNullElse(result.targetSchemaVersion, result.initialSchemaVersion);
        LOG.log(Level.INFO, "Applied {0} migration(s) from {1}; its schema version is {2}", result.migrationsExecuted, location, version);
    }
}
