package dev.tracks.storage.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.StorageClient;
import dev.tracks.storage.it.support.TestDeployment;
import dev.tracks.storage.it.support.User;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cloud SDKs are optional: a WAR with only the disk driver carries neither the AWS nor the
 * Google SDK and works, and a WAR that selects {@code storage.driver=s3} without the AWS SDK fails
 * to deploy with a message naming the artifact to add.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DriverPackagingIT {

    private static final String S3_WITHOUT_SDK = "packaging-s3-without-sdk-it";

    // Kept so the test inspects exactly the archive that was deployed.
    private static WebArchive diskWar;

    @ArquillianResource
    @OperateOnDeployment("disk")
    URL diskBase;

    @Deployment(name = "disk", order = 1, testable = false)
    static WebArchive diskOnly() {
        diskWar = TestDeployment.war("packaging-disk-it");
        return diskWar;
    }

    @Deployment(name = "s3-without-sdk", order = 2, testable = false)
    @ShouldThrowException(DeploymentException.class)
    static WebArchive s3WithoutSdk() {
        return TestDeployment.war(S3_WITHOUT_SDK, Map.of("storage.driver", "s3", "storage.s3.bucket", "tracks-it"));
    }

    @Test
    @OperateOnDeployment("disk")
    void diskWarHasNoCloudSdk() {
        List<String> cloudClasses = new ArrayList<>();
        boolean s3DriverShipped = false;

        for (Node library : diskWar.get("/WEB-INF/lib").getChildren()) {
            for (String entry : entriesOf(library)) {
                if (entry.startsWith("software/amazon/") || entry.startsWith("com/google/cloud/") || entry.startsWith("com/google/auth/")) {
                    cloudClasses.add(library.getPath().get() + "!" + entry);
                }
                s3DriverShipped |= entry.equals("dev/tracks/storage/driver/s3/S3Driver.class");
            }
        }

        assertEquals(List.of(), cloudClasses);
        assertTrue(s3DriverShipped, "precondition: the engine JAR, with its S3 driver classes, is in WEB-INF/lib");
    }

    @Test
    @OperateOnDeployment("disk")
    void diskWarStoresAndServes() {
        byte[] png = SampleFiles.png();
        StorageClient client = new StorageClient(diskBase);
        long id = client.uploadOk(User.ALICE, "photo.png", "image/png", png).getJsonNumber("id").longValueExact();

        HttpResponse<byte[]> download = client.get(client.signedUrl(id, User.ALICE, "attachment").getString("url"), null);

        assertEquals(200, download.statusCode(), StorageClient.text(download));
        assertArrayEquals(png, download.body());
    }

    @Test
    @OperateOnDeployment("disk")
    void s3WithoutSdkFailsNamingArtifact() throws IOException {
        List<String> startLog = startLogOf(S3_WITHOUT_SDK);

        assertTrue(startLog.stream().anyMatch(line -> line.contains("CWWKZ0012I")), "the application must not start: " + startLog);
        assertTrue(startLog.stream().anyMatch(line -> line.contains("E: ") && line.contains("software.amazon.awssdk:s3")),
                "no error names software.amazon.awssdk:s3: " + startLog);
    }

    // The lines Liberty logged from starting the application until it gave up on it. Liberty names
    // the application on the first and last line only, not on the errors in between.
    private static List<String> startLogOf(String application) throws IOException {
        List<String> lines = Files.readAllLines(TestDeployment.serverLog(), StandardCharsets.UTF_8);
        int first = indexOf(lines, "CWWKZ0018I", application, 0);
        int last = indexOf(lines, "CWWKZ0012I", application, first);
        return lines.subList(first, last + 1);
    }

    private static int indexOf(List<String> lines, String messageId, String application, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(messageId) && lines.get(i).contains(application)) {
                return i;
            }
        }
        throw new AssertionError(messageId + " for " + application + " is missing from " + TestDeployment.serverLog());
    }

    private static List<String> entriesOf(Node library) {
        ArchivePath path = library.getPath();
        List<String> entries = new ArrayList<>();
        try (InputStream in = library.getAsset().openStream(); JarInputStream jar = new JarInputStream(in)) {
            for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                entries.add(entry.getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path.get(), e);
        }
        return entries;
    }
}
