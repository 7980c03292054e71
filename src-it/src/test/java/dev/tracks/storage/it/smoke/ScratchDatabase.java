package dev.tracks.storage.it.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database that belongs to one smoke test class: created under a random name, migrated with the
 * scripts shipped in storage-ejb's JAR, and dropped by {@link #close()} once the server has
 * stopped. H2 is a file database that the server opens in its own process; PostgreSQL and MariaDB
 * are the local servers, never touched outside the database created here.
 *
 * <p>System properties {@code it.postgresql.url}, {@code it.postgresql.user}, {@code it.mariadb.url}
 * and {@code it.mariadb.user} point the tests at other servers; the URL names an existing database
 * to connect to for {@code CREATE DATABASE}.
 */
final class ScratchDatabase implements AutoCloseable {

    private final Vendor vendor;
    private final String name;
    private final String url;
    private final Path h2Folder;

    private ScratchDatabase(Vendor vendor, String name, String url, Path h2Folder) {
        this.vendor = vendor;
        this.name = name;
        this.url = url;
        this.h2Folder = h2Folder;
    }

    /**
     * Creates and migrates a database of {@code vendor}. H2 files go under {@code workDir}, and
     * {@code h2Options} are appended to the H2 URL (for example {@code ;MODE=LEGACY}). A database
     * that fails to migrate is dropped before the exception propagates.
     */
    static ScratchDatabase create(Vendor vendor, Path workDir, String h2Options) throws SQLException {
        String name = "tracks_smoke_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Path h2Folder = workDir.resolve("h2");
        String url = switch (vendor) {
            // AUTO_SERVER lets the test JVM read rows while the server process has the file open.
            case H2 -> "jdbc:h2:" + h2Folder.resolve(name).toString().replace("\\", "/") + ";AUTO_SERVER=TRUE" + h2Options;
            case POSTGRESQL, MARIADB -> vendor.serverUrl().replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
        };
        ScratchDatabase database = new ScratchDatabase(vendor, name, url, h2Folder);

        try {
            vendor.createDatabase(name);
            try (Connection connection = database.connect()) {
                ShippedMigrations.applyTo(connection, vendor.migrationFolder);
            }
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

    /** Returns the database's kind. */
    Vendor vendor() {
        return vendor;
    }

    /**
     * Returns the JDBC URL of this database for the server's datasource. For PostgreSQL and MariaDB
     * it carries the user, because their trust authentication has no password and Payara rejects
     * a datasource whose password is empty ("No password credential found").
     */
    String dataSourceUrl() {
        return switch (vendor) {
            case H2 -> url;
            case POSTGRESQL, MARIADB -> url + (url.contains("?") ? "&" : "?") + "user=" + user();
        };
    }

    /**
     * Returns the user and password the server's datasource names, empty when
     * {@link #dataSourceUrl()} carries them. H2's data source rejects a user in both places.
     */
    Optional<Credentials> dataSourceCredentials() {
        return vendor == Vendor.H2 ? Optional.of(new Credentials(user(), password())) : Optional.empty();
    }

    private String user() {
        return vendor.user();
    }

    private String password() {
        return vendor == Vendor.H2 ? "sa" : "";
    }

    /**
     * Opens a plain JDBC connection, for reading committed rows behind the server's back.
     */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user(), password());
    }

    /**
     * Drops the database. Call it after the server has stopped: PostgreSQL ends any session still
     * connected, MariaDB drops the database under open sessions, and H2's files are deleted.
     */
    @Override
    public void close() throws SQLException {
        switch (vendor) {
            case H2 -> deleteH2Files();
            case POSTGRESQL -> vendor.executeOnServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            case MARIADB -> vendor.executeOnServer("DROP DATABASE IF EXISTS " + name);
        }
    }

    private void deleteH2Files() {
        try {
            WorkFolders.deleteTree(h2Folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the H2 database files under " + h2Folder, e);
        }
    }

    /** A database user and password. */
    record Credentials(String user, String password) {
    }

    /**
     * The databases the smoke tests run on, with the JDBC driver the test WAR carries for each.
     */
    enum Vendor {
        H2("h2", "org.h2.jdbcx.JdbcDataSource", "h2-"),
        POSTGRESQL("postgresql", "org.postgresql.ds.PGSimpleDataSource", "postgresql-"),
        MARIADB("mariadb", "org.mariadb.jdbc.MariaDbDataSource", "mariadb-java-client-");

        private final String migrationFolder;
        private final String dataSourceClass;
        private final String driverJarPrefix;

        Vendor(String migrationFolder, String dataSourceClass, String driverJarPrefix) {
            this.migrationFolder = migrationFolder;
            this.dataSourceClass = dataSourceClass;
            this.driverJarPrefix = driverJarPrefix;
        }

        /**
         * Returns the driver's {@code javax.sql.DataSource} class, which the WAR's datasource names:
         * WildFly rejects a {@code java.sql.Driver} class there.
         */
        String dataSourceClass() {
            return dataSourceClass;
        }

        /** Returns how the driver's JAR file name starts, for picking it from the drivers folder. */
        String driverJarPrefix() {
            return driverJarPrefix;
        }

        private String user() {
            return switch (this) {
                case H2 -> "sa";
                case POSTGRESQL -> System.getProperty("it.postgresql.user", "postgres");
                case MARIADB -> System.getProperty("it.mariadb.user", "root");
            };
        }

        private String serverUrl() {
            return switch (this) {
                case POSTGRESQL -> System.getProperty("it.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
                case MARIADB -> System.getProperty("it.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test");
                case H2 -> throw new IllegalStateException("H2 runs embedded and has no server");
            };
        }

        private void createDatabase(String name) throws SQLException {
            switch (this) {
                case H2 -> {
                    // The first connection creates the database file.
                }
                // template0 lets the database have its own encoding whatever template1 uses.
                case POSTGRESQL -> executeOnServer("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
                case MARIADB -> executeOnServer("CREATE DATABASE " + name);
            }
        }

        private void executeOnServer(String sql) throws SQLException {
            try (Connection connection = DriverManager.getConnection(serverUrl(), user(), "");
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException unreachable) {
                throw new SQLException(this + " at " + serverUrl() + " rejected or could not run '" + sql + "': start the"
                        + " server (.ci/run starts it) or set it." + migrationFolder + ".url", unreachable);
            }
        }
    }
}
