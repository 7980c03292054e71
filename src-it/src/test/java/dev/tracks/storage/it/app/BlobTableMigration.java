package dev.tracks.storage.it.app;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates the schema at deployment: {@code tracks_blobs} from the H2 migrations shipped inside
 * storage-ejb, in version order, then the tables of the test entity {@link Gadget}. It does nothing
 * when {@code tracks_blobs} exists already, because every test class deploys a WAR again onto the
 * same database and every WAR lists the same scripts.
 *
 * <p>Test code only: a real application runs the shipped migrations with its own migration tool.
 * The list of scripts comes from the test JVM, which reads it from storage-ejb's JAR.
 */
@ApplicationScoped
public class BlobTableMigration {

    private static final String MIGRATIONS = "it/h2-migrations.txt";

    @Resource(lookup = "jdbc/storage")
    DataSource dataSource;

    void migrate(@Observes Startup startup) {
        try (Connection connection = dataSource.getConnection()) {
            if (tableExists(connection)) {
                return;
            }
            for (String script : read(MIGRATIONS).lines().filter(line -> !line.isBlank()).toList()) {
                run(connection, script);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test schema: " + e.getMessage(), e);
        }
    }

    private static boolean tableExists(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "TRACKS_BLOBS", new String[] {"TABLE"})) {
            return tables.next();
        }
    }

    private static void run(Connection connection, String script) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(script))) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new SQLException("Migration " + script + " failed: " + e.getMessage(), e);
        }
    }

    // The shipped scripts contain only whole-line comments and statements ended by semicolons.
    private static List<String> statements(String script) {
        String withoutComments = script.lines()
                .filter(line -> !line.strip().startsWith("--"))
                .reduce("", (joined, line) -> joined + line + "\n");
        return Arrays.stream(withoutComments.split(";")).map(String::strip).filter(sql -> !sql.isEmpty()).toList();
    }

    private static String read(String resource) {
        try (InputStream in = BlobTableMigration.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test WAR's class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
