package dev.tracks.storage.it.smoke;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the migrations shipped in storage-ejb's JAR ({@code db/migration/tracks-storage/{vendor}/V*.sql})
 * in version order, from the same JAR the test WAR carries. Test code only: an application runs
 * these scripts with its own migration tool.
 */
final class ShippedMigrations {

    private static final String ROOT = "db/migration/tracks-storage/";
    private static final Pattern SCRIPT = Pattern.compile(Pattern.quote(ROOT) + "[^/]+/V(\\d+)__[^/]+\\.sql");

    private ShippedMigrations() {
    }

    /**
     * Runs every script of {@code folder} ({@code h2}, {@code postgresql}, {@code mariadb}) on
     * {@code connection}, lowest version first.
     */
    static void applyTo(Connection connection, String folder) throws SQLException {
        Path engine = SmokeDeployment.engineJar();

        try (JarFile jar = new JarFile(engine.toFile())) {
            List<JarEntry> scripts = jar.stream()
                    .filter(entry -> entry.getName().startsWith(ROOT + folder + "/") && SCRIPT.matcher(entry.getName()).matches())
                    .sorted(Comparator.comparingInt(ShippedMigrations::versionOf))
                    .toList();
            if (scripts.isEmpty()) {
                throw new IllegalStateException("No migrations under " + ROOT + folder + " in " + engine);
            }
            for (JarEntry script : scripts) {
                run(connection, script.getName(), read(jar, script));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the migrations in " + engine, e);
        }
    }

    private static void run(Connection connection, String name, String script) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(script)) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new SQLException("Migration " + name + " failed: " + e.getMessage(), e);
        }
    }

    // The shipped scripts contain only whole-line comments and statements ended by semicolons.
    private static List<String> statements(String script) {
        String withoutComments = script.lines()
                .filter(line -> !line.strip().startsWith("--"))
                .reduce("", (joined, line) -> joined + line + "\n");
        return Arrays.stream(withoutComments.split(";")).map(String::strip).filter(sql -> !sql.isEmpty()).toList();
    }

    private static int versionOf(JarEntry script) {
        Matcher matcher = SCRIPT.matcher(script.getName());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a migration: " + script.getName());
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String read(JarFile jar, JarEntry script) throws IOException {
        try (InputStream in = jar.getInputStream(script)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
