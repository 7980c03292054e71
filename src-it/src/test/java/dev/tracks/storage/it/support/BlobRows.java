package dev.tracks.storage.it.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Reads {@code tracks_blobs} with plain SQL, beside the engine's JPA mapping, so a test checks what
 * was really committed: inside the server through its datasource, from the test JVM through H2's
 * automatic server mode.
 */
public final class BlobRows {

    /**
     * One row as stored.
     *
     * @param status {@code pending} or {@code active}
     * @param checksum base64 MD5, null while a server-side upload is pending
     * @param attachedAt when an owner attached the blob, as UTC wall-clock time; null while unattached
     */
    public record Row(long id, String key, String filename, String contentType, long byteSize, String checksum,
            String status, String tenantId, LocalDateTime attachedAt) {
    }

    /** Opens a connection; the caller closes it. */
    @FunctionalInterface
    private interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private static final String COLUMNS = "SELECT id, \"key\", filename, content_type, byte_size, checksum, status, tenant_id,"
            + " attached_at FROM tracks_blobs";

    private final ConnectionSource connections;

    private BlobRows(ConnectionSource connections) {
        this.connections = connections;
    }

    /**
     * Reads through the server's {@code jdbc/storage} datasource; for in-container tests.
     */
    public static BlobRows inServer() {
        try {
            DataSource dataSource = InitialContext.doLookup("jdbc/storage");
            return new BlobRows(dataSource::getConnection);
        } catch (NamingException e) {
            throw new IllegalStateException("Cannot look up jdbc/storage: is the test running inside the server?", e);
        }
    }

    /**
     * Reads the server's database file from the test JVM; H2 forwards the connection to the
     * server process that has the file open.
     */
    public static BlobRows fromTestJvm(Path dataDir) {
        String url = "jdbc:h2:" + dataDir.resolve("storage").toString().replace("\\", "/") + ";AUTO_SERVER=TRUE";
        return new BlobRows(() -> DriverManager.getConnection(url, "sa", "sa"));
    }

    /**
     * Returns the row with this id, whatever its tenant.
     */
    public Optional<Row> byId(long id) {
        return query(COLUMNS + " WHERE id = ?", id).stream().findFirst();
    }

    /**
     * Returns the row with this key, whatever its tenant.
     */
    public Optional<Row> byKey(String key) {
        return query(COLUMNS + " WHERE \"key\" = ?", key).stream().findFirst();
    }

    /**
     * Returns every row of {@code tenant}, pending ones included, in id order.
     */
    public List<Row> byTenant(String tenant) {
        return query(COLUMNS + " WHERE tenant_id = ? ORDER BY id", tenant);
    }

    private List<Row> query(String sql, Object parameter) {
        try (Connection connection = connections.open(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet results = statement.executeQuery()) {
                List<Row> rows = new ArrayList<>();
                while (results.next()) {
                    rows.add(new Row(results.getLong(1), results.getString(2), results.getString(3), results.getString(4),
                            results.getLong(5), results.getString(6), results.getString(7), results.getString(8),
                            results.getObject(9, LocalDateTime.class)));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read tracks_blobs: " + e.getMessage(), e);
        }
    }
}
