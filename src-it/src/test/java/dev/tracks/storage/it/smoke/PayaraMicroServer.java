package dev.tracks.storage.it.smoke;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro (Jakarta EE Web Profile, MicroProfile, EclipseLink as the JPA provider), started
 * with {@code java -jar payara-micro.jar --deploy} on the Java runtime {@code it.payara.java.home}
 * names, because Payara Micro 7 needs Java 21 or later while the build runs on Java 17. The
 * post-boot command file of {@code src/test/payara}, copied into the work folder, adds the test
 * users to the default {@code file} realm.
 */
final class PayaraMicroServer implements ApplicationServer {

    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(240);

    private final Path jar = Path.of(SmokeDeployment.requiredProperty("it.payara.jar"));
    private final Path javaHome = Path.of(SmokeDeployment.requiredProperty("it.payara.java.home"));
    private final Path configuration = Path.of(SmokeDeployment.requiredProperty("it.payara.config"));
    private final int port = Integer.parseInt(SmokeDeployment.requiredProperty("it.payara.port"));

    @Override
    public String name() {
        return "Payara Micro";
    }

    // Payara 7.2026.11's EclipseLink 5.0.1 reads generated ids with "CALL IDENTITY()", which H2 2.x
    // keeps only in LEGACY mode (without it: Function "IDENTITY" not found).
    @Override
    public String h2Options() {
        return ";MODE=LEGACY";
    }

    @Override
    public ServerProcess start(Path war, Path workDir) throws IOException {
        ServerProcess.requireFreePort(port, "it.payara.port");
        Path rootDir = Files.createDirectories(workDir.resolve("payara"));
        WorkFolders.copyTree(configuration, workDir.resolve("payara-config"));
        List<String> command = List.of(javaHome.resolve("bin/java").toString(),
                // H2's automatic server mode listens on loopback only.
                "-Dh2.bindAddress=127.0.0.1",
                "-jar", jar.toString(),
                "--deploy", war.toAbsolutePath().toString(),
                "--port", Integer.toString(port),
                "--nocluster",
                "--disablephonehome",
                "--rootdir", rootDir.toAbsolutePath().toString(),
                "--unpackdir", workDir.resolve("payara-runtime").toAbsolutePath().toString(),
                "--postbootcommandfile", "payara-config/post-boot-commands.asadmin");
        Map<String, String> environment = Map.of("JAVA_HOME", javaHome.toString());
        ServerProcess process = ServerProcess.start(name(), command, environment, workDir, workDir.resolve("payara.log"));

        WorkFolders.stopOnFailure(process, () -> awaitBoot(process));
        return process;
    }

    // Payara Micro deploys during its boot and logs "ready in" when the boot has finished. After
    // "Failed to start" (a port in use, for example) the process may keep running.
    private static void awaitBoot(ServerProcess process) {
        process.await("the end of its boot", DEPLOY_TIMEOUT, () -> {
            if (ServerProcess.contains(process.log(), "Failed to start")) {
                throw new IllegalStateException("Payara Micro failed to start\n" + process.logTail());
            }
            return ServerProcess.contains(process.log(), " ready in ");
        });
    }

    @Override
    public URI applicationRoot() {
        return URI.create("http://127.0.0.1:" + port + "/" + SmokeDeployment.NAME + "/");
    }
}
