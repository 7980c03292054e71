package dev.tracks.storage.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;

/**
 * A database that belongs to one test class: created under a random name, migrated with the
 * shipped scripts by Flyway, and dropped by {@link #close()}. H2 and Derby run embedded in memory;
 * PostgreSQL and MariaDB are the local servers, reached through a database they already have and
 * never touched outside the one created here.
 *
 * <p>System properties {@code it.postgresql.url}, {@code it.postgresql.user}, {@code it.mariadb.url}
 * and {@code it.mariadb.user} point the tests at other servers; the URL names a database to connect
 * to for {@code CREATE DATABASE}.
 */
final class ScratchDatabase implements AutoCloseable {

    private final Vendor vendor;
    private final String name;
    private final String url;

    private ScratchDatabase(Vendor vendor, String name, String url) {
        this.vendor = vendor;
        this.name = name;
        this.url = url;
    }

    /**
     * Creates and migrates a database of {@code vendor}. A database that fails to migrate is
     * dropped before the exception propagates.
     */
    static ScratchDatabase create(Vendor vendor) throws SQLException {
        String name = "tracks_it_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ScratchDatabase database = new ScratchDatabase(vendor, name, vendor.urlOf(name));

        try {
            vendor.createDatabase(name);
            database.migrate();
        } catch (SQLException | RuntimeException failure) {
            try {
                database.close();
            } catch (SQLException dropFailure) {
                failure.addSuppressed(dropFailure);
            }
            throw failure;
        }
        return database;
    }

    /**
     * Returns the properties that point a JPA persistence unit at this database.
     */
    Map<String, String> connectionProperties() {
        return Map.of(
                "jakarta.persistence.jdbc.driver", vendor.driverClass,
                "jakarta.persistence.jdbc.url", url,
                "jakarta.persistence.jdbc.user", vendor.user(),
                "jakarta.persistence.jdbc.password", "");
    }

    /**
     * Opens a plain JDBC connection, for reading raw column values behind the provider's back.
     */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, vendor.user(), "");
    }

    /**
     * Drops the database. Callers close every connection pool first. PostgreSQL also ends any
     * session that is still connected, so a leaked connection cannot keep the database alive.
     */
    @Override
    public void close() throws SQLException {
        vendor.dropDatabase(name, url);
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(url, vendor.user(), "")
                .locations("classpath:db/migration/tracks-storage/" + vendor.migrationFolder)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /**
     * The databases the persistence tests run on, with what each needs to create and drop a
     * database of its own.
     */
    enum Vendor {
        H2("h2", "org.h2.Driver"),
        /**
         * H2 in its LEGACY compatibility mode, which keeps the {@code IDENTITY()} function that
         * EclipseLink 4.0 calls to read a generated id. Open Liberty's H2 datasources need it too.
         */
        H2_LEGACY("h2", "org.h2.Driver"),
        DERBY("derby", "org.apache.derby.iapi.jdbc.AutoloadedDriver"),
        POSTGRESQL("postgresql", "org.postgresql.Driver"),
        MARIADB("mariadb", "org.mariadb.jdbc.Driver");

        private final String migrationFolder;
        private final String driverClass;

        Vendor(String migrationFolder, String driverClass) {
            this.migrationFolder = migrationFolder;
            this.driverClass = driverClass;
        }

        private String urlOf(String name) {
            return switch (this) {
                // DB_CLOSE_DELAY=-1 keeps the in-memory database while no connection is open.
                case H2 -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
                case H2_LEGACY -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=LEGACY";
                case DERBY -> "jdbc:derby:memory:" + name + ";create=true";
                case POSTGRESQL, MARIADB -> serverUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
            };
        }

        private String user() {
            return switch (this) {
                case H2, H2_LEGACY -> "sa";
                case DERBY -> "";
                case POSTGRESQL -> System.getProperty("it.postgresql.user", "postgres");
                case MARIADB -> System.getProperty("it.mariadb.user", "root");
            };
        }

        private String serverUrl() {
            return switch (this) {
                case POSTGRESQL -> System.getProperty("it.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
                case MARIADB -> System.getProperty("it.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test");
                case H2, H2_LEGACY, DERBY -> throw new IllegalStateException(this + " runs embedded and has no server");
            };
        }

        private void createDatabase(String name) throws SQLException {
            switch (this) {
                case H2, H2_LEGACY, DERBY -> {
                    // The URL creates the in-memory database on first connection.
                }
                // template0 lets the database have its own encoding whatever template1 uses.
                case POSTGRESQL -> executeOnServer("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
                // latin1 on purpose: the migration has to declare utf8mb4 itself for 4-byte characters to fit.
                case MARIADB -> executeOnServer("CREATE DATABASE " + name + " CHARACTER SET latin1");
            }
        }

        private void dropDatabase(String name, String url) throws SQLException {
            switch (this) {
                case H2, H2_LEGACY -> {
                    try (Connection connection = DriverManager.getConnection(url, user(), "");
                            Statement statement = connection.createStatement()) {
                        statement.execute("SHUTDOWN");
                    }
                }
                case DERBY -> dropDerby(name);
                case POSTGRESQL -> executeOnServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                case MARIADB -> executeOnServer("DROP DATABASE IF EXISTS " + name);
            }
        }

        private void executeOnServer(String sql) throws SQLException {
            try (Connection connection = DriverManager.getConnection(serverUrl(), user(), "");
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException failure) {
                throw new SQLException(this + " failed to run '" + sql + "' at " + serverUrl() + ": start the server"
                        + " (.ci/run starts it) or set it." + migrationFolder + ".url", failure);
            }
        }

        // Derby reports a successful drop as SQLState 08006.
        private static void dropDerby(String name) throws SQLException {
            try {
                DriverManager.getConnection("jdbc:derby:memory:" + name + ";drop=true").close();
            } catch (SQLException dropped) {
                if (!"08006".equals(dropped.getSQLState())) {
                    throw dropped;
                }
            }
        }
    }
}
