package dev.tracks.storage.it.smoke;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * WildFly with its default {@code standalone.xml} (Jakarta EE, MicroProfile Config, Hibernate as
 * the JPA provider), started with {@code bin/standalone.sh} on a server base folder of its own
 * inside the test class's work folder. The base folder gets the distribution's configuration plus
 * the test users of {@code src/test/wildfly/configuration}; the WAR goes into its
 * {@code deployments} folder, and the deployment scanner's marker files tell the outcome.
 */
final class WildFlyServer implements ApplicationServer {

    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(180);
    private static final int DEFAULT_HTTP_PORT = 8080;

    private final Path home = Path.of(SmokeDeployment.requiredProperty("it.wildfly.home"));
    private final Path configuration = Path.of(SmokeDeployment.requiredProperty("it.wildfly.config"));
    private final int portOffset = Integer.parseInt(SmokeDeployment.requiredProperty("it.wildfly.port-offset"));

    @Override
    public String name() {
        return "WildFly";
    }

    @Override
    public String h2Options() {
        return "";
    }

    @Override
    public ServerProcess start(Path war, Path workDir) throws IOException {
        ServerProcess.requireFreePort(DEFAULT_HTTP_PORT + portOffset, "it.wildfly.port-offset");
        Path base = workDir.resolve("wildfly");
        WorkFolders.copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        WorkFolders.copyTree(configuration, base.resolve("configuration"));
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        Files.copy(war, deployments.resolve(war.getFileName()));

        List<String> command = List.of(home.resolve("bin/standalone.sh").toString(), "-c", "standalone.xml",
                "-Djboss.server.base.dir=" + base.toAbsolutePath(),
                "-Djboss.socket.binding.port-offset=" + portOffset,
                // H2's automatic server mode listens on loopback only.
                "-Dh2.bindAddress=127.0.0.1");
        Map<String, String> environment = Map.of("JAVA_HOME", System.getProperty("java.home"), "JBOSS_HOME", home.toString());
        ServerProcess process = ServerProcess.start(name(), command, environment, workDir, workDir.resolve("wildfly-console.log"));

        WorkFolders.stopOnFailure(process, () -> awaitDeployment(process, deployments.resolve(war.getFileName().toString())));
        return process;
    }

    @Override
    public URI applicationRoot() {
        return URI.create("http://127.0.0.1:" + (DEFAULT_HTTP_PORT + portOffset) + "/" + SmokeDeployment.NAME + "/");
    }

    private void awaitDeployment(ServerProcess process, Path deployed) {
        Path success = Path.of(deployed + ".deployed");
        Path failure = Path.of(deployed + ".failed");

        process.await("the deployment of " + deployed.getFileName(), DEPLOY_TIMEOUT, () -> {
            if (Files.exists(failure)) {
                throw new IllegalStateException("WildFly failed to deploy " + deployed.getFileName() + ": "
                        + WorkFolders.read(failure) + "\n" + process.logTail());
            }
            return Files.exists(success);
        });
    }
}
