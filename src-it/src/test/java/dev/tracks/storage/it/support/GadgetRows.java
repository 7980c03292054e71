package dev.tracks.storage.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Reads the test entity's tables with plain SQL through the server's datasource, so a test checks
 * which blob ids a gadget references after a commit or rollback, not what the persistence context
 * remembers. In-container tests only.
 */
public final class GadgetRows {

    private final DataSource dataSource;

    private GadgetRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Reads through the server's {@code jdbc/storage} datasource.
     */
    public static GadgetRows inServer() {
        try {
            return new GadgetRows(InitialContext.doLookup("jdbc/storage"));
        } catch (NamingException e) {
            throw new IllegalStateException("Cannot look up jdbc/storage: is the test running inside the server?", e);
        }
    }

    /**
     * Returns whether a gadget with this id exists.
     */
    public boolean exists(long gadgetId) {
        return !query("SELECT id FROM it_gadgets WHERE id = ?", gadgetId).isEmpty();
    }

    /**
     * Returns the gadget's image blob id, or empty when it references none or does not exist.
     */
    public Optional<Long> imageBlobId(long gadgetId) {
        return query("SELECT image_blob_id FROM it_gadgets WHERE id = ? AND image_blob_id IS NOT NULL", gadgetId).stream().findFirst();
    }

    /**
     * Returns the gadget's document blob ids in ascending order.
     */
    public List<Long> documentIds(long gadgetId) {
        return query("SELECT blob_id FROM it_gadget_documents WHERE gadget_id = ? ORDER BY blob_id", gadgetId);
    }

    private List<Long> query(String sql, long gadgetId) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, gadgetId);
            try (ResultSet results = statement.executeQuery()) {
                List<Long> values = new ArrayList<>();
                while (results.next()) {
                    values.add(results.getLong(1));
                }
                return values;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the gadget tables: " + e.getMessage(), e);
        }
    }
}
