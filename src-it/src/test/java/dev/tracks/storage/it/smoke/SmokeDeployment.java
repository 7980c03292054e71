package dev.tracks.storage.it.smoke;

import dev.tracks.storage.it.app.BlobTableMigration;
import dev.tracks.storage.it.support.TestDeployment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the smoke test WAR: the WAR of the other integration tests ({@link TestDeployment}, same
 * libraries, JAX-RS application and BASIC authentication) with its datasource carried inside, so
 * that one WAR runs on every server and database without server-side datasource configuration.
 *
 * <p>The changes: web.xml gains a {@code <data-source>} named {@code java:app/jdbc/storage} on the
 * scratch database, with the JDBC driver in {@code WEB-INF/lib}; the persistence unit names that
 * datasource; the disk root and the settings point into the test class's work folder; and the
 * in-server H2 migration is left out, because the test JVM migrates the database before the
 * deployment.
 */
final class SmokeDeployment {

    /** The WAR's name, which every server also uses as its context root. */
    static final String NAME = "storage-smoke";

    private static final String CLASSES = "WEB-INF/classes/";

    private SmokeDeployment() {
    }

    /**
     * Returns the WAR for a server that uses {@code database} and stores files under {@code diskRoot}.
     */
    static WebArchive war(ScratchDatabase database, Path diskRoot) {
        WebArchive war = TestDeployment.war(NAME);
        war.deleteClass(BlobTableMigration.class);
        war.delete(CLASSES + TestDeployment.MIGRATIONS);
        war.delete(CLASSES + "META-INF/persistence.xml");
        war.delete(CLASSES + "META-INF/microprofile-config.properties");
        war.delete("WEB-INF/web.xml");

        return war.addAsResource("smoke/persistence.xml", "META-INF/persistence.xml")
                .addAsResource(new StringAsset(settings(diskRoot)), "META-INF/microprofile-config.properties")
                .addAsLibraries(driverJar(database.vendor()).toFile())
                .setWebXML(new StringAsset(webXml(database)));
    }

    /**
     * Returns storage-ejb's JAR from the test WAR's libraries; it contains the shipped migrations.
     */
    static Path engineJar() {
        return jarStartingWith(Path.of(requiredProperty("it.war.libs")), "storage-ejb-");
    }

    private static Path driverJar(ScratchDatabase.Vendor vendor) {
        return jarStartingWith(Path.of(requiredProperty("it.jdbc.drivers")), vendor.driverJarPrefix());
    }

    // The test WAR's web.xml with a datasource on the scratch database added as its last element.
    private static String webXml(ScratchDatabase database) {
        String webXml = resource("deployment/web.xml");
        StringBuilder dataSource = new StringBuilder()
                .append("    <data-source>\n")
                .append("        <name>java:app/jdbc/storage</name>\n")
                .append("        <class-name>").append(database.vendor().dataSourceClass()).append("</class-name>\n")
                .append("        <url>").append(xmlText(database.dataSourceUrl())).append("</url>\n");
        database.dataSourceCredentials().ifPresent(credentials -> dataSource
                .append("        <user>").append(xmlText(credentials.user())).append("</user>\n")
                .append("        <password>").append(xmlText(credentials.password())).append("</password>\n"));
        dataSource.append("        <transactional>true</transactional>\n")
                .append("        <max-pool-size>10</max-pool-size>\n")
                .append("    </data-source>\n");

        int end = webXml.lastIndexOf("</web-app>");
        if (end < 0) {
            throw new IllegalStateException("deployment/web.xml has no closing </web-app> element");
        }
        return webXml.substring(0, end) + dataSource + "</web-app>\n";
    }

    private static String settings(Path diskRoot) {
        return String.join("\n",
                "storage.driver=disk",
                "storage.disk.root=" + diskRoot.toAbsolutePath().toString().replace("\\", "/"),
                "storage.signing.secret=" + TestDeployment.SIGNING_SECRET,
                "storage.upload.max-file-size=" + TestDeployment.MAX_FILE_SIZE,
                "");
    }

    private static Path jarStartingWith(Path folder, String prefix) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> jars = files.filter(path -> {
                String name = path.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".jar");
            }).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("Expected one " + prefix + "*.jar in " + folder + ", found " + jars
                        + ": run the build's package phase (mvn verify)");
            }
            return jars.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + ": run the build's package phase (mvn verify)", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = SmokeDeployment.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }

    private static String xmlText(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run the tests through mvn verify");
        }
        return value;
    }
}
