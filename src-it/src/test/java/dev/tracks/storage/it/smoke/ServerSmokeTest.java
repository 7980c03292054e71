package dev.tracks.storage.it.smoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tracks.storage.it.support.SampleFiles;
import dev.tracks.storage.it.support.StorageClient;
import dev.tracks.storage.it.support.User;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The smoke test every server and database pair passes: an upload through the servlet, a signed
 * download, tenant isolation, authentication, and a direct upload to the disk endpoint, over real
 * HTTP against the same test WAR. Each subclass names one server and one database through its
 * {@link DeployedStorage} extension.
 */
abstract class ServerSmokeTest {

    /**
     * Returns the deployment of the subclass, registered there with {@code @RegisterExtension}.
     */
    abstract DeployedStorage storage();

    @Test
    void uploadReturnsDetectedTypeSizeAndChecksum() throws SQLException {
        byte[] png = SampleFiles.png();

        HttpResponse<byte[]> response = client().upload(User.ALICE, "photo.pdf", "application/pdf", png);

        assertEquals(201, response.statusCode(), storage().describe() + ": " + StorageClient.text(response));
        JsonObject blob = StorageClient.json(response);
        assertEquals("image/png", blob.getString("content_type"));
        assertEquals(png.length, blob.getJsonNumber("byte_size").longValueExact());
        assertEquals(SampleFiles.md5(png), blob.getString("checksum"));
        assertEquals("active", blob.getString("status"));
        assertTrue(blob.getString("key").startsWith("tenants/acme/blobs/"), blob.getString("key"));
        Row row = row(blob.getJsonNumber("id").longValueExact()).orElseThrow();
        assertEquals(new Row("active", "acme", png.length, SampleFiles.md5(png)), row);
    }

    @Test
    void signedDownloadReturnsSameBytes() {
        byte[] pdf = SampleFiles.pdf();
        JsonObject blob = client().uploadOk(User.ALICE, "report.pdf", "application/pdf", pdf);
        String url = client().signedUrl(blob.getJsonNumber("id").longValueExact(), User.ALICE, "attachment").getString("url");

        HttpResponse<byte[]> response = client().get(url, null);

        assertEquals(200, response.statusCode(), storage().describe() + ": " + StorageClient.text(response));
        assertArrayEquals(pdf, response.body());
        assertEquals(Optional.of("application/pdf"), response.headers().firstValue("Content-Type"));
    }

    @Test
    void otherTenantGetsNotFound() {
        long id = client().uploadOk(User.ALICE, "photo.png", "image/png", SampleFiles.png()).getJsonNumber("id").longValueExact();

        HttpResponse<byte[]> show = client().get("api/storage/blobs/" + id, User.BOB);
        HttpResponse<byte[]> url = client().get("api/storage/blobs/" + id + "/url", User.BOB);

        assertEquals(404, show.statusCode(), StorageClient.text(show));
        assertEquals("blob_not_found", StorageClient.json(show).getString("error"));
        assertEquals(404, url.statusCode(), StorageClient.text(url));
        assertEquals(200, client().get("api/storage/blobs/" + id, User.ALICE).statusCode(), "the owner still sees the blob");
    }

    @Test
    void anonymousRequestsAreUnauthorized() {
        HttpResponse<byte[]> upload = client().upload(null, "photo.png", "image/png", SampleFiles.png());
        HttpResponse<byte[]> show = client().get("api/storage/blobs/1", null);

        assertEquals(401, upload.statusCode(), StorageClient.text(upload));
        assertEquals(401, show.statusCode(), StorageClient.text(show));
    }

    @Test
    void userWithoutTenantIsForbidden() {
        HttpResponse<byte[]> response = client().upload(User.NOBODY, "photo.png", "image/png", SampleFiles.png());

        assertEquals(403, response.statusCode(), StorageClient.text(response));
        assertEquals("tenant_required", StorageClient.json(response).getString("error"));
    }

    @Test
    void reservedDirectUploadStoresBody() throws IOException, SQLException {
        byte[] pdf = SampleFiles.pdf();
        JsonObject blob = reserve(pdf);
        JsonObject target = blob.getJsonObject("direct_upload");
        HttpRequest.Builder put = client().request(target.getString("url"), null);
        target.getJsonObject("headers").forEach((name, value) -> put.header(name, ((JsonString) value).getString()));

        HttpResponse<byte[]> response = client().send(put.PUT(BodyPublishers.ofByteArray(pdf)));

        assertEquals(204, response.statusCode(), storage().describe() + ": " + StorageClient.text(response));
        assertArrayEquals(pdf, Files.readAllBytes(storage().diskRoot().resolve(blob.getString("key"))));
        Row row = row(blob.getJsonNumber("id").longValueExact()).orElseThrow();
        assertEquals("acme", row.tenantId());
        assertEquals(SampleFiles.md5(pdf), row.checksum());
    }

    private JsonObject reserve(byte[] content) {
        JsonObject declaration = Json.createObjectBuilder().add("blob", Json.createObjectBuilder()
                .add("filename", "report.pdf")
                .add("content_type", "application/pdf")
                .add("byte_size", content.length)
                .add("checksum", SampleFiles.md5(content))).build();
        HttpResponse<byte[]> reserved = client().send(client().request("api/storage/direct-uploads", User.ALICE)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(declaration.toString())));
        assertEquals(200, reserved.statusCode(), storage().describe() + ": " + StorageClient.text(reserved));
        return StorageClient.json(reserved);
    }

    // Reads the committed row through the test JVM's own connection, not through the server.
    private Optional<Row> row(long id) throws SQLException {
        String sql = "SELECT status, tenant_id, byte_size, checksum FROM tracks_blobs WHERE id = ?";
        try (Connection connection = storage().database().connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (ResultSet results = statement.executeQuery()) {
                if (!results.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(results.getString(1), results.getString(2), results.getLong(3), results.getString(4)));
            }
        }
    }

    private StorageClient client() {
        return storage().client();
    }

    /** The columns of a {@code tracks_blobs} row that the smoke test checks. */
    private record Row(String status, String tenantId, long byteSize, String checksum) {
    }
}
