package dev.tracks.storage.bench;

import dev.tracks.storage.StorageKey;
import dev.tracks.storage.driver.s3.S3Driver;
import dev.tracks.storage.driver.s3.S3ProxyServer;
import dev.tracks.storage.driver.s3.S3Settings;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads the same generated stream through {@code S3Driver.put} and through the AWS SDK directly,
 * round-robin against one filesystem-backed s3proxy in this JVM, and prints throughput, CPU time and memory
 * for each method. Run it through {@code bench/s3/run.sh}.
 *
 * <p>Arguments: repetitions (default 5) and object size in MiB (default 100).
 */
public final class S3DriverBenchmark {

    private static final String BUCKET = "bench";
    private static final int MIB = 1024 * 1024;

    private interface Upload {
        void run(StorageKey key, InputStream content, long size) throws Exception;
    }

    private record Sample(double megabytesPerSecond, long processCpuNanos, long threadAllocatedBytes, long peakHeapBytes) {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long size = (args.length > 1 ? Long.parseLong(args[1]) : 100) * MIB;
        Path root = Files.createTempDirectory("s3-bench-");

        try (S3ProxyServer server = S3ProxyServer.onDisk(root)) {
            server.start();
            server.createBucket(BUCKET);
            S3Settings settings = new S3Settings(BUCKET, "us-east-1", server.settings(BUCKET).endpoint(), true,
                    server.settings(BUCKET).accessKey(), S3Settings.DEFAULT_PART_SIZE);
            try (S3Driver driver = new S3Driver(settings); S3Client client = server.client()) {
                Map<String, Upload> uploads = new LinkedHashMap<>();
                uploads.put("S3Driver.put (8 MiB parts, sequential)", (key, content, length) ->
                        driver.put(key, content, "application/octet-stream"));
                uploads.put("SDK putObject (one PUT, known length)", (key, content, length) ->
                        client.putObject(request -> request.bucket(BUCKET).key(key.value()).contentLength(length)
                                .contentType("application/octet-stream"), RequestBody.fromInputStream(content, length)));
                uploads.put("SDK multipart (8 MiB parts streamed, sequential)", (key, content, length) ->
                        putMultipart(client, key, content, length));

                Map<String, List<Sample>> samples = measure(uploads, reps, size, client);
                report(samples, reps, size);
            }
        } finally {
            deleteTree(root);
        }
    }

    private static Map<String, List<Sample>> measure(Map<String, Upload> uploads, int reps, long size, S3Client client)
            throws Exception {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        uploads.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
        for (Upload upload : uploads.values()) {
            measureOnce(upload, size, client);
        }

        for (int rep = 1; rep <= reps; rep++) {
            for (Map.Entry<String, Upload> upload : uploads.entrySet()) {
                Sample sample = measureOnce(upload.getValue(), size, client);
                samples.get(upload.getKey()).add(sample);
                System.out.printf("rep %d  %-55s %7.1f MB/s %7d ms CPU%n", rep, upload.getKey(), sample.megabytesPerSecond(),
                        sample.processCpuNanos() / 1_000_000);
            }
        }
        return samples;
    }

    // Collects garbage first so that the peak heap of each upload starts from the live set alone.
    private static Sample measureOnce(Upload upload, long size, S3Client client) throws Exception {
        StorageKey key = new StorageKey("bench/" + UUID.randomUUID());
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long allocatedBefore = threadAllocatedBytes();
        long cpuBefore = processCpuNanos();

        long start = System.nanoTime();
        upload.run(key, new GeneratedInputStream(size), size);
        long nanos = System.nanoTime() - start;

        long cpu = processCpuNanos() - cpuBefore;
        long allocated = threadAllocatedBytes() - allocatedBefore;
        long peakHeap = peakHeapBytes();
        long stored = client.headObject(request -> request.bucket(BUCKET).key(key.value())).contentLength();
        if (stored != size) {
            throw new IllegalStateException("Stored object has " + stored + " bytes, expected " + size);
        }
        client.deleteObject(request -> request.bucket(BUCKET).key(key.value()));
        return new Sample(size / 1e6 / (nanos / 1e9), cpu, allocated, peakHeap);
    }

    private static void report(Map<String, List<Sample>> samples, int reps, long size) throws IOException {
        System.out.printf("%n%d MiB, %d repetitions, round-robin; MB = 10^6 bytes%n", size / MIB, reps);
        System.out.printf("%-55s %8s %8s %8s %10s %12s %14s%n", "method", "median", "min", "max", "CPU ms", "thread MiB",
                "peak heap MiB");
        Map<String, Double> medians = new LinkedHashMap<>();
        samples.forEach((name, list) -> {
            List<Double> rates = new ArrayList<>(list.stream().map(Sample::megabytesPerSecond).toList());
            Collections.sort(rates);
            double median = rates.get(rates.size() / 2);
            medians.put(name, median);
            List<Long> cpu = new ArrayList<>(list.stream().map(Sample::processCpuNanos).toList());
            Collections.sort(cpu);
            long allocated = list.stream().mapToLong(Sample::threadAllocatedBytes).max().orElse(0);
            long peak = list.stream().mapToLong(Sample::peakHeapBytes).max().orElse(0);
            System.out.printf("%-55s %8.1f %8.1f %8.1f %10d %12d %14d%n", name, median, rates.get(0), rates.get(rates.size() - 1),
                    cpu.get(cpu.size() / 2) / 1_000_000, allocated / MIB, peak / MIB);
        });
        List<String> names = new ArrayList<>(medians.keySet());
        for (String other : names.subList(1, names.size())) {
            System.out.printf("ratio driver / %s: %.2f%n", other, medians.get(names.get(0)) / medians.get(other));
        }
        System.out.println("process peak RSS (VmHWM): " + peakRss());
    }

    // The same requests as the driver's multipart upload, but each part streams straight from the
    // input with its length known in advance, so nothing is buffered.
    private static void putMultipart(S3Client client, StorageKey key, InputStream content, long length) throws IOException {
        String uploadId = client.createMultipartUpload(request -> request.bucket(BUCKET).key(key.value())
                .contentType("application/octet-stream")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (long offset = 0; offset < length; offset += S3Settings.DEFAULT_PART_SIZE) {
            long partLength = Math.min(S3Settings.DEFAULT_PART_SIZE, length - offset);
            int partNumber = parts.size() + 1;
            String etag = client.uploadPart(request -> request.bucket(BUCKET).key(key.value()).uploadId(uploadId)
                    .partNumber(partNumber).contentLength(partLength),
                    RequestBody.fromInputStream(new BoundedInputStream(content, partLength), partLength)).eTag();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        }
        client.completeMultipartUpload(request -> request.bucket(BUCKET).key(key.value()).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
    }

    private static long processCpuNanos() {
        var system = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return system.getProcessCpuTime();
    }

    private static long threadAllocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getCurrentThreadAllocatedBytes();
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    private static String peakRss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .map(line -> line.substring("VmHWM:".length()).trim())
                .findFirst().orElse("unknown");
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The next {@code length} bytes of a stream, leaving the stream open for the next part. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }
    }

    /** A stream of {@code size} pseudo-random bytes, repeating a 1 MiB block so it costs no heap. */
    private static final class GeneratedInputStream extends InputStream {
        private static final byte[] BLOCK = randomBlock();
        private long remaining;

        GeneratedInputStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int position = (int) (remaining % BLOCK.length);
            int count = (int) Math.min(Math.min(length, remaining), BLOCK.length - position);
            System.arraycopy(BLOCK, position, buffer, offset, count);
            remaining -= count;
            return count;
        }

        private static byte[] randomBlock() {
            byte[] block = new byte[MIB];
            new Random(42).nextBytes(block);
            return block;
        }
    }
}
