import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The upload and download a programmer writes by hand with the JDK's HTTP server, as the baseline
 * the benchmark compares Tracks Storage with.
 *
 * <p>{@code POST} or {@code PUT /upload?mode=M} streams the raw request body (no multipart) through
 * one 256 KiB buffer: {@code discard} only reads it, {@code file} writes it to a new file,
 * {@code md5} also hashes it, and {@code md5fsync} also forces the file to disk before answering,
 * as a durable store must. {@code GET /files/NAME} serves a file of the download folder.
 *
 * <p>Usage: {@code java BaselineServer.java PORT UPLOAD_FOLDER DOWNLOAD_FOLDER}; it listens on
 * 127.0.0.1 only.
 */
public final class BaselineServer {

    private static final int BUFFER_SIZE = 256 * 1024;

    private final Path uploads;
    private final Path downloads;

    private BaselineServer(Path uploads, Path downloads) {
        this.uploads = uploads;
        this.downloads = downloads;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        BaselineServer baseline = new BaselineServer(Path.of(args[1]), Path.of(args[2]).toAbsolutePath().normalize());
        Files.createDirectories(baseline.uploads);

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/upload", exchange -> baseline.respond(exchange, baseline::receive));
        server.createContext("/files/", exchange -> baseline.respond(exchange, baseline::serve));
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("Listening on 127.0.0.1:" + port);
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void respond(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            handler.handle(exchange);
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        String mode = query == null ? "md5" : query.replaceFirst(".*mode=([a-z0-9]+).*", "$1");
        MessageDigest md5 = mode.startsWith("md5") ? newMd5() : null;

        long length;
        try (InputStream body = exchange.getRequestBody()) {
            length = mode.equals("discard") ? body.transferTo(OutputStream.nullOutputStream()) : store(body, md5, mode.equals("md5fsync"));
        }

        String checksum = md5 == null ? "" : Base64.getEncoder().encodeToString(md5.digest());
        byte[] json = ("{\"bytes\":" + length + ",\"md5\":\"" + checksum + "\"}\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, json.length);
        exchange.getResponseBody().write(json);
    }

    private long store(InputStream body, MessageDigest md5, boolean force) throws IOException {
        Path file = uploads.resolve(UUID.randomUUID().toString());
        byte[] bytes = new byte[BUFFER_SIZE];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long length = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int n;
            while ((n = body.read(bytes)) != -1) {
                length += n;
                if (md5 != null) {
                    md5.update(bytes, 0, n);
                }
                buffer.clear().limit(n);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            if (force) {
                channel.force(true);
            }
        }
        return length;
    }

    // The name is one path segment of a folder the benchmark fills itself.
    private void serve(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/files/".length());
        Path file = downloads.resolve(name).normalize();
        if (name.contains("/") || !file.startsWith(downloads) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }

        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(exchange.getResponseBody());
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no MD5 digest, which every Java platform must provide", e);
        }
    }
}
