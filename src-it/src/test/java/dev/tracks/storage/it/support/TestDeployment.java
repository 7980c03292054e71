package dev.tracks.storage.it.support;

import dev.tracks.storage.it.app.BlobTableMigration;
import dev.tracks.storage.it.app.Gadget;
import dev.tracks.storage.it.app.Gadgets;
import dev.tracks.storage.it.app.StorageApplication;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the test WAR: storage-web and its runtime libraries, a JAX-RS application, a persistence
 * unit on the server's H2 datasource with the test entity {@link Gadget}, BASIC authentication,
 * and storage settings the tests rely on (disk root, signing secret, upload limit, allowed types).
 * A test class may override settings, for example to select another driver.
 *
 * <p>The libraries come from the folder the build fills with copy-dependencies ({@code it.war.libs}),
 * because the reactor's SNAPSHOT JARs are not in the local Maven repository during a clean build.
 */
public final class TestDeployment {

    /** The signing secret of the test WAR, so tests can forge tokens with {@link ForgedTokens}. */
    public static final String SIGNING_SECRET = "integration-tests-only-secret-0123456789abcdef";

    /** The largest file the upload servlet accepts in the test WAR: 1 MiB. */
    public static final long MAX_FILE_SIZE = 1024 * 1024;

    /**
     * The media types an upload may have in the test WAR ({@code storage.upload.content-types}),
     * {@code application/octet-stream} included because several tests upload random bytes.
     */
    public static final String ALLOWED_CONTENT_TYPES = "image/*,application/pdf,text/plain,application/octet-stream";

    /** The WAR resource listing the SQL scripts to run in order: storage-ejb's H2 migrations, then the test entity's tables. */
    public static final String MIGRATIONS = "it/h2-migrations.txt";

    private static final String MIGRATION_FOLDER = "db/migration/tracks-storage/h2/";
    private static final String GADGET_TABLES = "it/create-gadgets.sql";
    private static final Pattern MIGRATION = Pattern.compile(Pattern.quote(MIGRATION_FOLDER) + "V(\\d+)__[^/]+\\.sql");

    private TestDeployment() {
    }

    /**
     * Returns the WAR named {@code name}.war; in-container test classes add their support classes.
     */
    public static WebArchive war(String name) {
        return war(name, Map.of());
    }

    /**
     * Returns the WAR named {@code name}.war whose {@code microprofile-config.properties} has
     * {@code overrides} on top of the default settings.
     */
    public static WebArchive war(String name, Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>(defaultSettings());
        settings.putAll(overrides);

        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(StorageApplication.class, BlobTableMigration.class, Gadget.class, Gadgets.class)
                .addAsLibraries(libraries("it.war.libs"))
                .addAsResource("deployment/persistence.xml", "META-INF/persistence.xml")
                .addAsResource(new StringAsset(properties(settings)), "META-INF/microprofile-config.properties")
                .addAsResource(new StringAsset(String.join("\n", migrations())), MIGRATIONS)
                .addAsResource("deployment/create-gadgets.sql", GADGET_TABLES)
                .setWebXML("deployment/web.xml");
    }

    /**
     * Returns the AWS SDK for S3 and its runtime libraries, which only a WAR with
     * {@code storage.driver=s3} adds; the build copies them apart from the default libraries.
     */
    public static File[] s3Libraries() {
        return libraries("it.s3.war.libs");
    }

    /**
     * Returns the test server's {@code messages.log}, where Liberty records why an application
     * failed to start.
     */
    public static Path serverLog() {
        return Path.of(requiredProperty("it.wlp.home"), "usr", "servers", requiredProperty("it.server.name"), "logs", "messages.log");
    }

    /**
     * Returns the folder containing the H2 database and the disk root; the server and the test JVM
     * share it.
     */
    public static Path dataDir() {
        return Path.of(requiredProperty("it.data.dir"));
    }

    /**
     * Returns the disk driver's root folder ({@code storage.disk.root}).
     */
    public static Path diskRoot() {
        return dataDir().resolve("storage");
    }

    private static Map<String, String> defaultSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("storage.driver", "disk");
        settings.put("storage.disk.root", diskRoot().toString().replace("\\", "/"));
        settings.put("storage.signing.secret", SIGNING_SECRET);
        settings.put("storage.upload.max-file-size", Long.toString(MAX_FILE_SIZE));
        settings.put("storage.upload.content-types", ALLOWED_CONTENT_TYPES);
        return settings;
    }

    private static String properties(Map<String, String> settings) {
        return settings.entrySet().stream().map(setting -> setting.getKey() + "=" + setting.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    // The server cannot list a folder inside a JAR portably, so the test JVM lists the migrations
    // in storage-ejb's JAR and ships the list with the WAR. The test entity's tables come last.
    private static List<String> migrations() {
        Path engine = Stream.of(libraries("it.war.libs")).map(File::toPath)
                .filter(path -> path.getFileName().toString().startsWith("storage-ejb-"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("storage-ejb's JAR is missing from " + requiredProperty("it.war.libs")));
        try (JarFile jar = new JarFile(engine.toFile())) {
            List<String> scripts = jar.stream().map(JarEntry::getName).filter(name -> MIGRATION.matcher(name).matches())
                    .sorted(Comparator.comparingInt(TestDeployment::versionOf))
                    .toList();
            if (scripts.isEmpty()) {
                throw new IllegalStateException("No H2 migrations under " + MIGRATION_FOLDER + " in " + engine);
            }
            return Stream.concat(scripts.stream(), Stream.of(GADGET_TABLES)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the migrations in " + engine, e);
        }
    }

    private static int versionOf(String script) {
        Matcher matcher = MIGRATION.matcher(script);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a migration: " + script);
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static File[] libraries(String folderProperty) {
        Path folder = Path.of(requiredProperty(folderProperty));
        try (Stream<Path> jars = Files.list(folder)) {
            File[] libraries = jars.filter(path -> path.toString().endsWith(".jar")).map(Path::toFile).toArray(File[]::new);
            if (libraries.length == 0) {
                throw new IllegalStateException("No JARs in " + folder + ": run the build's package phase (mvn verify)");
            }
            return libraries;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the test WAR's libraries in " + folder + ": run mvn verify", e);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run the tests through mvn verify");
        }
        return value;
    }
}
