package dev.tracks.storage.it.smoke;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Open Liberty (EclipseLink as the JPA provider) from the runtime the build unpacks for the other
 * integration tests, started with {@code bin/server run} on a user folder of its own
 * ({@code WLP_USER_DIR}) inside the test class's work folder, so it never touches the server of
 * the other tests. Its configuration is {@code src/test/liberty/smoke/server.xml}, which loads the
 * datasource's JDBC driver from the server's {@code jdbc} folder: Liberty does not load it from
 * the WAR.
 */
final class LibertyServer implements ApplicationServer {

    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(180);
    private static final String SERVER_NAME = "storageSmoke";

    private final Path wlpHome = Path.of(SmokeDeployment.requiredProperty("it.wlp.home"));
    private final Path serverXml = Path.of(SmokeDeployment.requiredProperty("it.liberty.smoke.config"));
    private final Path jdbcDrivers = Path.of(SmokeDeployment.requiredProperty("it.jdbc.drivers"));
    private final int port = Integer.parseInt(SmokeDeployment.requiredProperty("it.liberty.smoke.port"));

    @Override
    public String name() {
        return "Open Liberty";
    }

    // Liberty's EclipseLink 4.0.9 reads generated ids with "CALL IDENTITY()", which H2 2.x keeps only
    // in LEGACY mode.
    @Override
    public String h2Options() {
        return ";MODE=LEGACY";
    }

    @Override
    public ServerProcess start(Path war, Path workDir) throws IOException {
        ServerProcess.requireFreePort(port, "it.liberty.smoke.port");
        Path userDir = workDir.resolve("wlp-usr");
        Path serverDir = Files.createDirectories(userDir.resolve("servers").resolve(SERVER_NAME));
        Files.copy(serverXml, serverDir.resolve("server.xml"));
        Files.writeString(serverDir.resolve("bootstrap.properties"),
                "smoke.http.port=" + port + "\nsmoke.https.port=" + (port + 363) + "\n");
        // H2's automatic server mode listens on loopback only.
        Files.writeString(serverDir.resolve("jvm.options"), "-Dh2.bindAddress=127.0.0.1\n");
        Files.copy(war, Files.createDirectories(serverDir.resolve("apps")).resolve(war.getFileName()));
        WorkFolders.copyTree(jdbcDrivers, serverDir.resolve("jdbc"));

        List<String> command = List.of(wlpHome.resolve("bin/server").toString(), "run", SERVER_NAME);
        Map<String, String> environment = Map.of("JAVA_HOME", System.getProperty("java.home"),
                "WLP_USER_DIR", userDir.toAbsolutePath().toString());
        ServerProcess process = ServerProcess.start(name(), command, environment, workDir, workDir.resolve("liberty-console.log"));

        WorkFolders.stopOnFailure(process, () -> awaitDeployment(process, serverDir.resolve("logs/messages.log")));
        return process;
    }

    @Override
    public URI applicationRoot() {
        return URI.create("http://127.0.0.1:" + port + "/" + SmokeDeployment.NAME + "/");
    }

    // CWWKZ0001I: application started; CWWKZ0002E and CWWKZ0004E: it failed to start.
    private void awaitDeployment(ServerProcess process, Path messages) {
        process.await("the start of " + SmokeDeployment.NAME, DEPLOY_TIMEOUT, () -> {
            if (ServerProcess.contains(messages, "CWWKZ0002E") || ServerProcess.contains(messages, "CWWKZ0004E")) {
                throw new IllegalStateException("Open Liberty failed to start " + SmokeDeployment.NAME + "\n" + process.logTail());
            }
            return ServerProcess.contains(messages, "CWWKZ0001I");
        });
    }
}
