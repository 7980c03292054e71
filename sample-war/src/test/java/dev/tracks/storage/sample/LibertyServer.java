package dev.tracks.storage.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An Open Liberty server that the build has created and deployed but not started, started and
 * stopped by a test with its own environment, for settings known only once the test runs.
 */
final class LibertyServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path libertyDir;
    private final String name;

    private LibertyServer(Path libertyDir, String name) {
        this.libertyDir = libertyDir;
        this.name = name;
    }

    /**
     * Writes {@code bootstrapProperties} into the server's {@code bootstrap.properties} and
     * {@code environment} into its {@code server.env}, keeping their other entries, starts the
     * server from a clean cache and waits until the application has started.
     *
     * @param libertyDir the Liberty installation ({@code wlp})
     * @param bootstrapProperties values of {@code server.xml} variables, such as {@code http.port}
     * @param environment variables such as {@code STORAGE_DRIVER}, which MicroProfile Config reads
     * @throws IllegalStateException if the server or the application fails to start in time, or a
     *     port is taken
     */
    static LibertyServer start(Path libertyDir, String name, Map<String, String> bootstrapProperties, Map<String, String> environment)
            throws IOException, InterruptedException {
        LibertyServer server = new LibertyServer(libertyDir, name);
        Path serverDir = server.serverDir();
        if (!Files.isDirectory(serverDir)) {
            throw new IllegalStateException("Liberty server " + serverDir + " does not exist: run 'mvn verify', whose"
                    + " pre-integration-test phase creates it");
        }

        writeEntries(serverDir.resolve("bootstrap.properties"), bootstrapProperties);
        writeEntries(serverDir.resolve("server.env"), environment);
        Files.deleteIfExists(server.messagesLog());
        server.run(START_TIMEOUT, "start", name, "--clean");

        server.awaitApplication();
        return server;
    }

    /**
     * Returns the server's folder, which contains its configuration, logs and data.
     */
    Path serverDir() {
        return libertyDir.resolve("usr/servers").resolve(name);
    }

    @Override
    public void close() throws IOException {
        try {
            run(STOP_TIMEOUT, "stop", name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping Liberty server " + name, e);
        }
    }

    // Both files contain one key=value entry per line.
    private static void writeEntries(Path file, Map<String, String> entries) throws IOException {
        List<String> lines = new ArrayList<>();
        if (Files.exists(file)) {
            Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !entries.containsKey(line.split("=", 2)[0].strip()))
                    .forEach(lines::add);
        }
        entries.forEach((key, value) -> lines.add(key + "=" + value));

        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    // The server script uses JAVA_HOME when set, so the server runs on this test's Java. Its output
    // goes to a file, because a pipe would stay open as long as any process that it starts keeps
    // it open.
    private void run(Duration timeout, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(libertyDir.resolve("bin/server").toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createDirectories(serverDir().resolve("logs")).resolve("server-" + arguments[0] + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));

        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("'server " + String.join(" ", arguments) + "' did not finish within " + timeout);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("'server " + String.join(" ", arguments) + "' failed with exit code " + process.exitValue()
                    + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
    }

    // The server script returns once the kernel runs; the application starts after that.
    private void awaitApplication() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String log = Files.exists(messagesLog()) ? Files.readString(messagesLog(), StandardCharsets.UTF_8) : "";
            if (log.contains("CWWKZ0001I")) {
                return;
            }
            if (log.contains("CWWKZ0002E") || log.contains("CWWKZ0004E") || log.contains("CWWKO0221E")) {
                throw new IllegalStateException("The application or a port failed to start on Liberty server " + name + ":\n" + log);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The application did not start within " + START_TIMEOUT + " on Liberty server " + name
                + "; see " + messagesLog());
    }

    private Path messagesLog() {
        return serverDir().resolve("logs/messages.log");
    }
}
