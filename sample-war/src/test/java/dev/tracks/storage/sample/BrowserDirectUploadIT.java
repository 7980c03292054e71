package dev.tracks.storage.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the catalog page's direct upload in headless Chromium ({@code src/test/browser}), with the
 * unmodified {@code @rails/activestorage} client, once per driver: on the disk driver of the
 * build's test server, and on S3 by configuration alone, in a second server of the same WAR whose
 * {@code server.env} points it at an s3proxy started here.
 *
 * <p>Needs Debian's {@code chromium} at {@code /usr/bin/chromium} and Node.js; the build installs
 * {@code playwright-core} with {@code npm ci}. A missing browser fails the test rather than
 * skipping it.
 */
class BrowserDirectUploadIT {

    private static final URI SAMPLE = URI.create(System.getProperty("sample.url", "http://127.0.0.1:9280/"));
    private static final String S3_SERVER = System.getProperty("sample.s3.server", "sample-s3-it");
    private static final Path LIBERTY_DIR = Path.of(System.getProperty("liberty.dir", "target/liberty/wlp"));
    private static final Path SCRIPT_DIR = Path.of(System.getProperty("browser.test.dir", "src/test/browser"));
    private static final Path OUTPUT_DIR = Path.of(System.getProperty("browser.output.dir", "target/browser"));
    private static final String NODE = System.getProperty("node.executable", "node");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String BUCKET = "sample-images";
    private static final long SCRIPT_TIMEOUT_SECONDS = 120;

    @Test
    void diskDriverUploadsFromBrowser() throws Exception {
        long started = System.nanoTime();

        String output = runBrowser(SAMPLE, SAMPLE.resolve("storage/disk/").toString(), "direct-upload-disk.png");

        System.out.printf("Browser run on the disk driver took %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(output).contains("OK:");
    }

    @Test
    void s3DriverUploadsFromBrowser() throws Exception {
        long started = System.nanoTime();
        Path storeRoot = emptyFolder(OUTPUT_DIR.resolve("s3proxy"));
        int httpPort = freePort();
        URI sample = URI.create("http://127.0.0.1:" + httpPort + "/");
        Map<String, String> ports = Map.of("http.port", String.valueOf(httpPort), "https.port", String.valueOf(freePort()));

        try (S3Server s3 = S3Server.start(storeRoot, "http://127.0.0.1:" + httpPort)) {
            s3.createBucket(BUCKET);
            // A new database as well, so the page lists no product whose image was in an earlier run's store.
            emptyFolder(LIBERTY_DIR.resolve("usr/servers").resolve(S3_SERVER).resolve("data"));
            String output;
            try (LibertyServer server = LibertyServer.start(LIBERTY_DIR, S3_SERVER, ports, s3Settings(s3.endpoint()))) {
                System.out.printf("s3proxy and Liberty server %s ready after %.1f s%n", server.serverDir().getFileName(),
                        (System.nanoTime() - started) / 1e9);
                output = runBrowser(sample, s3.endpoint() + "/" + BUCKET + "/", "direct-upload-s3.png");
            }

            assertThat(output).contains("OK:");
            assertThat(s3.keys(BUCKET)).as("objects in the bucket").hasSize(2).allMatch(key -> key.startsWith("tenants/acme/blobs/"));
        }
        System.out.printf("Browser run on the S3 driver, servers included, took %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    // MicroProfile Config maps each storage.* key to an environment variable: dots and dashes
    // become underscores, letters upper case.
    private static Map<String, String> s3Settings(URI endpoint) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("STORAGE_DRIVER", "s3");
        settings.put("STORAGE_S3_ENDPOINT", endpoint.toString());
        settings.put("STORAGE_S3_PATH_STYLE", "true");
        settings.put("STORAGE_S3_BUCKET", BUCKET);
        settings.put("STORAGE_S3_REGION", "us-east-1");
        settings.put("STORAGE_S3_ACCESS_KEY_ID", S3Server.ACCESS_KEY_ID);
        settings.put("STORAGE_S3_SECRET_ACCESS_KEY", S3Server.SECRET_ACCESS_KEY);
        return settings;
    }

    private static String runBrowser(URI page, String storeUrl, String screenshot) throws IOException, InterruptedException {
        assertThat(CHROMIUM).as("Debian's chromium package, which .ci/run installs").isExecutable();
        assertThat(SCRIPT_DIR.resolve("node_modules/playwright-core")).as("playwright-core, which 'npm ci' installs during the build")
                .isDirectory();
        Files.createDirectories(OUTPUT_DIR);
        List<String> command = new ArrayList<>(List.of(NODE, "direct-upload.mjs", "--base-url", page.toString(), "--store-url", storeUrl,
                "--screenshot", OUTPUT_DIR.resolve(screenshot).toAbsolutePath().toString()));
        Path log = OUTPUT_DIR.resolve(screenshot.replace(".png", ".log"));

        Process process = new ProcessBuilder(command).directory(SCRIPT_DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        System.out.print(output);
        assertThat(finished).as("browser script finished within %d s; its output:%n%s", SCRIPT_TIMEOUT_SECONDS, output).isTrue();
        assertThat(process.exitValue()).as("browser script's exit status; its output:%n%s", output).isZero();
        return output;
    }

    // Another build on this machine may hold any fixed port, so the second server takes free ones.
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path emptyFolder(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(folder);
    }
}
