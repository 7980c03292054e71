package dev.tracks.storage.it.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * An application server running as a child process of the test JVM, its output written to a log
 * file. {@link #close()} stops it and every process it started; a JVM shutdown hook does the same
 * if the test JVM exits first.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 60;

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "stop " + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command} in {@code workDir} with {@code environment} added to the test JVM's,
     * writing standard output and error to {@code log}.
     */
    static ServerProcess start(String name, List<String> command, Map<String, String> environment, Path workDir, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);

        return new ServerProcess(name, builder.start(), log);
    }

    /**
     * Waits until {@code condition} holds, checking every 250 ms. Fails with the end of the log when
     * the process exits first or {@code timeout} passes.
     */
    void await(String milestone, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue() + " before " + milestone + "\n"
                        + logTail());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " timed out after " + timeout.toSeconds() + " s waiting for " + milestone
                        + "\n" + logTail());
            }
            pause();
        }
    }

    /**
     * Fails unless {@code port} on 127.0.0.1 is free, so a smoke test fails at once instead of
     * waiting for a server that cannot bind its port. {@code setting} names the system property
     * that moves the port.
     */
    static void requireFreePort(int port, String setting) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.close();
        } catch (IOException inUse) {
            throw new IllegalStateException("Port " + port + " is in use, maybe by a server of another build: stop it or"
                    + " move this server with -D" + setting, inUse);
        }
    }

    /** Returns whether the log contains {@code text}; false while the log file does not exist. */
    static boolean contains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }

    /** Returns the last lines of the process's output, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return "--- last lines of " + log + " ---\n" + String.join("\n", tail);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Returns the file the process's output goes to. */
    Path log() {
        return log;
    }

    @Override
    public void close() {
        stop();
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }

    // Asks the server and its child processes to shut down (SIGTERM), then kills what is left.
    private void stop() {
        List<ProcessHandle> all = process.descendants().toList();
        all.forEach(ProcessHandle::destroy);
        process.destroy();

        boolean stopped = waitFor(process.toHandle()) && all.stream().allMatch(ServerProcess::waitFor);

        if (!stopped) {
            all.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static boolean waitFor(ProcessHandle handle) {
        try {
            handle.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the server", e);
        }
    }
}
