package dev.tracks.storage.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.Blob;
import dev.tracks.storage.BlobNotFoundException;
import dev.tracks.storage.BlobStatus;
import dev.tracks.storage.Checksum;
import dev.tracks.storage.InvalidInputException;
import dev.tracks.storage.StorageKey;
import dev.tracks.storage.TenantId;
import dev.tracks.storage.jpa.ScratchDatabase.Vendor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * The behaviour {@link BlobRepository} and the {@link BlobEntity} mapping must show with every JPA
 * provider on every supported database. Each subclass is one cell of the matrix: a persistence
 * unit of {@code META-INF/persistence.xml} and a {@link Vendor}.
 *
 * <p>The tests drive the repository itself, so the library's own JPQL runs. Each call gets a fresh
 * entity manager and a resource-local transaction of its own, the way a container gives each
 * transaction its own persistence context. Raw column values are read with plain JDBC.
 *
 * <p>The whole class runs with the JVM's default time zone set to Europe/Berlin, a zone with
 * daylight saving time, so any conversion through the default zone shows in the stored values.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class BlobPersistenceContract {

    static final String HIBERNATE = "hibernate";
    static final String ECLIPSELINK = "eclipselink";

    private static final TimeZone JVM_ZONE = TimeZone.getTimeZone("Europe/Berlin");
    private static final TenantId TENANT = new TenantId("acme");
    private static final TenantId OTHER_TENANT = new TenantId("globex");
    private static final Checksum CHECKSUM = new Checksum("XrY7u+Ae7tCTyyK7j1rNww==");
    private static final Instant NOW = Instant.parse("2026-07-01T23:30:00.123456Z");
    private static final Instant PENDING_CUTOFF = NOW.minus(Duration.ofHours(1));
    private static final Instant UNATTACHED_CUTOFF = NOW.minus(Duration.ofDays(1));

    private final String persistenceUnit;
    private final Vendor vendor;
    private TimeZone originalZone;
    private ScratchDatabase database;
    private EntityManagerFactory factory;

    BlobPersistenceContract(String persistenceUnit, Vendor vendor) {
        this.persistenceUnit = persistenceUnit;
        this.vendor = vendor;
    }

    @BeforeAll
    void createDatabase() throws SQLException {
        originalZone = TimeZone.getDefault();
        TimeZone.setDefault(JVM_ZONE);

        database = ScratchDatabase.create(vendor);
        factory = Persistence.createEntityManagerFactory(persistenceUnit, database.connectionProperties());
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        try {
            if (factory != null) {
                factory.close();
            }
        } finally {
            try {
                if (database != null) {
                    database.close();
                }
            } finally {
                TimeZone.setDefault(originalZone);
            }
        }
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM tracks_blobs");
        }
    }

    @Test
    void pendingBlobIsFoundOnlyByItsTenant() {
        Blob inserted = insertPending("photo.png", NOW);

        assertThat(inserted.id()).isPositive();
        assertThat(inserted.status()).isEqualTo(BlobStatus.PENDING);
        assertThat(find(TENANT, inserted.id())).contains(inserted);
        assertThat(find(OTHER_TENANT, inserted.id())).isEmpty();
    }

    @Test
    void keyIsStoredInItsQuotedColumn() throws SQLException {
        Blob inserted = insertPending("photo.png", NOW);

        try (Connection connection = database.connect()) {
            String quote = connection.getMetaData().getIdentifierQuoteString();
            assertThat(rawValue(connection, inserted.id(), quote + "key" + quote)).isEqualTo(inserted.key().value());
        }
    }

    @Test
    void activationStoresLowercaseStatus() throws SQLException {
        long id = insertPending("report.pdf", NOW).id();
        assertThat(rawValue(id, "status")).isEqualTo("pending");

        Blob active = inTransaction(repository -> repository.activate(TENANT, id, 1234, CHECKSUM));

        assertThat(active.status()).isEqualTo(BlobStatus.ACTIVE);
        assertThat(rawValue(id, "status")).isEqualTo("active");
        assertThat(rawValue(id, "byte_size")).isEqualTo(1234L);
        assertThat(rawValue(id, "checksum")).isEqualTo(CHECKSUM.base64());
        assertThat(find(TENANT, id)).contains(active);
    }

    @Test
    void activatingAnotherTenantsBlobThrowsNotFound() throws SQLException {
        long id = insertPending("report.pdf", NOW).id();

        assertThatThrownBy(() -> inTransaction(repository -> repository.activate(OTHER_TENANT, id, 1234, CHECKSUM)))
                .isInstanceOf(BlobNotFoundException.class);
        assertThat(rawValue(id, "status")).isEqualTo("pending");
    }

    @Test
    void markAttachedRecordsTimeInUtc() throws SQLException {
        long id = insertActive("photo.png", NOW).id();
        assertThat(rawValue(id, "attached_at")).isNull();

        inTransaction(repository -> repository.markAttached(TENANT, id, NOW));

        assertThat(rawTimestamp(id, "attached_at")).isEqualTo(LocalDateTime.ofInstant(NOW, ZoneOffset.UTC));
    }

    @Test
    void markAttachedRejectsAnotherTenant() throws SQLException {
        long id = insertActive("photo.png", NOW).id();

        assertThatThrownBy(() -> inTransaction(repository -> repository.markAttached(OTHER_TENANT, id, NOW)))
                .isInstanceOf(BlobNotFoundException.class);
        assertThat(rawValue(id, "attached_at")).isNull();
    }

    @Test
    void hasKeyFindsPendingAndActiveRows() {
        Blob pending = insertPending("pending.bin", NOW);
        Blob active = insertActive("active.bin", NOW);

        boolean pendingFound = inTransaction(repository -> repository.hasKey(pending.key()));
        boolean activeFound = inTransaction(repository -> repository.hasKey(active.key()));
        boolean unknownFound = inTransaction(repository -> repository.hasKey(StorageKey.forBlob(TENANT, UUID.randomUUID())));

        assertThat(pendingFound).isTrue();
        assertThat(activeFound).isTrue();
        assertThat(unknownFound).isFalse();
    }

    @Test
    void racingAttachesAttachOnce() throws Exception {
        long id = insertActive("photo.png", NOW).id();
        EntityManager first = factory.createEntityManager();
        EntityManager second = factory.createEntityManager();
        ExecutorService secondOwner = Executors.newSingleThreadExecutor();

        try {
            first.getTransaction().begin();
            repositoryOn(first).markAttached(TENANT, id, NOW);
            Future<Blob> secondAttach = secondOwner.submit(() -> {
                second.getTransaction().begin();
                Blob attached = repositoryOn(second).markAttached(TENANT, id, NOW.plusSeconds(1));
                second.getTransaction().commit();
                return attached;
            });
            // Gives the second attach time to read the row and wait on the lock the first one has.
            Thread.sleep(250);
            first.getTransaction().commit();

            assertThatThrownBy(() -> secondAttach.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(InvalidInputException.class).hasMessageContaining("already attached");
            assertThat(rawTimestamp(id, "attached_at")).isEqualTo(LocalDateTime.ofInstant(NOW, ZoneOffset.UTC));
        } finally {
            close(first);
            secondOwner.shutdownNow();
            secondOwner.awaitTermination(30, TimeUnit.SECONDS);
            close(second);
        }
    }

    @Test
    void deleteRemovesOnlyTheTenantsRow() {
        long id = insertActive("photo.png", NOW).id();

        boolean deletedByOtherTenant = inTransaction(repository -> repository.delete(OTHER_TENANT, id));
        Optional<Blob> afterOtherTenant = find(TENANT, id);
        boolean deleted = inTransaction(repository -> repository.delete(TENANT, id));
        Optional<Blob> afterDelete = find(TENANT, id);
        boolean deletedAgain = inTransaction(repository -> repository.deleteNow(TENANT, id));

        assertThat(deletedByOtherTenant).isFalse();
        assertThat(afterOtherTenant).isPresent();
        assertThat(deleted).isTrue();
        assertThat(afterDelete).isEmpty();
        assertThat(deletedAgain).isFalse();
    }

    @Test
    void discardPendingKeepsActiveRows() {
        long pending = insertPending("upload.bin", NOW).id();
        long active = insertActive("upload.bin", NOW).id();

        inTransaction(repository -> {
            repository.discardPending(TENANT, pending);
            repository.discardPending(TENANT, active);
            return null;
        });

        assertThat(find(TENANT, pending)).isEmpty();
        assertThat(find(TENANT, active)).isPresent();
    }

    @Test
    void findSweepableReturnsOldPendingAndUnattachedRows() {
        SweepRows rows = insertSweepRows();

        List<Blob> sweepable = inTransaction(repository -> repository.findSweepable(PENDING_CUTOFF, UNATTACHED_CUTOFF, 0, 10));

        assertThat(sweepable).extracting(Blob::id).containsExactly(rows.oldPending(), rows.oldUnattached());
    }

    @Test
    void findSweepablePagesAfterId() {
        SweepRows rows = insertSweepRows();

        List<Blob> first = inTransaction(repository -> repository.findSweepable(PENDING_CUTOFF, UNATTACHED_CUTOFF, 0, 1));
        List<Blob> second = inTransaction(repository -> repository.findSweepable(PENDING_CUTOFF, UNATTACHED_CUTOFF,
                rows.oldPending(), 1));
        List<Blob> third = inTransaction(repository -> repository.findSweepable(PENDING_CUTOFF, UNATTACHED_CUTOFF,
                rows.oldUnattached(), 1));

        assertThat(first).extracting(Blob::id).containsExactly(rows.oldPending());
        assertThat(second).extracting(Blob::id).containsExactly(rows.oldUnattached());
        assertThat(third).isEmpty();
    }

    @Test
    void deleteIfSweepableDeletesOnce() {
        SweepRows rows = insertSweepRows();

        assertThat(deleteIfSweepable(rows.oldPending())).isTrue();
        assertThat(deleteIfSweepable(rows.oldPending())).isFalse();
        assertThat(deleteIfSweepable(rows.oldUnattached())).isTrue();
        assertThat(deleteIfSweepable(rows.youngPending())).isFalse();
        assertThat(deleteIfSweepable(rows.oldAttached())).isFalse();
        assertThat(deleteIfSweepable(rows.youngUnattached())).isFalse();
        assertThat(find(TENANT, rows.youngPending())).isPresent();
    }

    @Test
    void racingSweepersDeleteRowOnce() throws Exception {
        long id = insertSweepRows().oldPending();
        EntityManager first = factory.createEntityManager();
        EntityManager second = factory.createEntityManager();
        ExecutorService secondSweeper = Executors.newSingleThreadExecutor();

        try {
            first.getTransaction().begin();
            assertThat(repositoryOn(first).deleteIfSweepable(id, PENDING_CUTOFF, UNATTACHED_CUTOFF)).isTrue();
            Future<Boolean> secondDeleted = secondSweeper.submit(() -> {
                second.getTransaction().begin();
                boolean deleted = repositoryOn(second).deleteIfSweepable(id, PENDING_CUTOFF, UNATTACHED_CUTOFF);
                second.getTransaction().commit();
                return deleted;
            });
            // Gives the second delete time to wait on the row lock that the first transaction holds.
            Thread.sleep(250);
            first.getTransaction().commit();

            assertThat(secondDeleted.get(30, TimeUnit.SECONDS)).isFalse();
        } finally {
            close(first);
            secondSweeper.shutdownNow();
            secondSweeper.awaitTermination(30, TimeUnit.SECONDS);
            close(second);
        }
    }

    @Test
    void duplicateKeyIsRejected() throws SQLException {
        StorageKey key = StorageKey.forBlob(TENANT, UUID.randomUUID());
        insert(BlobEntity.pending(TENANT, key, "first.png", "image/png", 1, null, NOW));

        assertThatThrownBy(() -> insert(BlobEntity.pending(OTHER_TENANT, key, "second.png", "image/png", 1, null, NOW)))
                .isInstanceOf(PersistenceException.class)
                .satisfies(failure -> assertThat(sqlState(failure)).startsWith("23"));
        assertThat(countRows()).isEqualTo(1);
    }

    @Test
    void createdAtRoundTripsInUtc() throws SQLException {
        Blob inserted = insertPending("photo.png", NOW);

        assertThat(rawTimestamp(inserted.id(), "created_at")).isEqualTo(LocalDateTime.of(2026, 7, 1, 23, 30, 0, 123_456_000));
        assertThat(find(TENANT, inserted.id()))
                .hasValueSatisfying(found -> assertThat(found.createdAt()).isEqualTo(NOW));
    }

    @Test
    void sqlCreatedAtIsReadAsUtc() throws SQLException {
        long id = insertRow("{ts '2026-07-01 12:00:00'}");

        assertThat(find(TENANT, id)).hasValueSatisfying(found -> assertThat(found.createdAt())
                .isEqualTo(Instant.parse("2026-07-01T12:00:00Z")));
    }

    @Test
    void createdAtInClockOverlapRoundTrips() throws SQLException {
        // 02:30 on this date happens twice in Europe/Berlin: the clocks go back from 03:00 to 02:00.
        Instant inOverlap = Instant.parse("2026-10-25T02:30:00Z");
        Blob inserted = insertPending("photo.png", inOverlap);

        assertThat(rawTimestamp(inserted.id(), "created_at")).isEqualTo(LocalDateTime.of(2026, 10, 25, 2, 30));
        assertThat(find(TENANT, inserted.id())).hasValueSatisfying(found -> assertThat(found.createdAt()).isEqualTo(inOverlap));
    }

    @Test
    void fourByteFilenameRoundTrips() throws SQLException {
        String filename = "🎉 résumé 写真.png";
        Blob inserted = insertPending(filename, NOW);

        assertThat(rawValue(inserted.id(), "filename")).isEqualTo(filename);
        assertThat(find(TENANT, inserted.id()))
                .hasValueSatisfying(found -> assertThat(found.filename()).isEqualTo(filename));
    }

    @Test
    void longestEmojiFilenameFits() throws SQLException {
        // 255 UTF-16 code units, the maximum that Filename accepts: 127 emoji of two units each and one letter.
        String filename = "🎉".repeat(127) + "x";
        Blob inserted = insertPending(filename, NOW);

        assertThat(filename).hasSize(255);
        assertThat(rawValue(inserted.id(), "filename")).isEqualTo(filename);
    }

    private record SweepRows(long youngPending, long oldPending, long oldAttached, long oldUnattached, long youngUnattached) {
    }

    // Ids grow in insertion order, so the sweepable rows come back as oldPending, oldUnattached.
    private SweepRows insertSweepRows() {
        long youngPending = insertPending("young.bin", PENDING_CUTOFF.plusSeconds(1)).id();
        long oldPending = insertPending("old.bin", PENDING_CUTOFF.minusSeconds(1)).id();
        long oldAttached = insertActive("attached.bin", UNATTACHED_CUTOFF.minusSeconds(1)).id();
        inTransaction(repository -> repository.markAttached(TENANT, oldAttached, NOW));
        long oldUnattached = insertActive("unattached.bin", UNATTACHED_CUTOFF.minusSeconds(1)).id();
        long youngUnattached = insertActive("unattached.bin", UNATTACHED_CUTOFF.plusSeconds(1)).id();
        return new SweepRows(youngPending, oldPending, oldAttached, oldUnattached, youngUnattached);
    }

    private Optional<Blob> find(TenantId tenant, long id) {
        return inTransaction(repository -> repository.find(tenant, id));
    }

    private Blob insertPending(String filename, Instant createdAt) {
        return insert(BlobEntity.pending(TENANT, StorageKey.forBlob(TENANT, UUID.randomUUID()), filename, "image/png", 42, null,
                createdAt));
    }

    private Blob insertActive(String filename, Instant createdAt) {
        long id = insertPending(filename, createdAt).id();
        return inTransaction(repository -> repository.activate(TENANT, id, 42, CHECKSUM));
    }

    private Blob insert(BlobEntity pending) {
        return inTransaction(repository -> repository.insertPending(pending));
    }

    private boolean deleteIfSweepable(long id) {
        return inTransaction(repository -> repository.deleteIfSweepable(id, PENDING_CUTOFF, UNATTACHED_CUTOFF));
    }

    // Runs the work in a new persistence context and transaction, committed on return and rolled back on failure.
    private <T> T inTransaction(Function<BlobRepository, T> work) {
        EntityManager entityManager = factory.createEntityManager();
        try {
            entityManager.getTransaction().begin();
            T result = work.apply(repositoryOn(entityManager));
            entityManager.getTransaction().commit();
            return result;
        } finally {
            close(entityManager);
        }
    }

    private static BlobRepository repositoryOn(EntityManager entityManager) {
        BlobRepository repository = new BlobRepository();
        repository.entityManager = entityManager;
        return repository;
    }

    private static void close(EntityManager entityManager) {
        EntityTransaction transaction = entityManager.getTransaction();
        if (transaction.isActive()) {
            transaction.rollback();
        }
        entityManager.close();
    }

    // Writes a pending row of TENANT with plain JDBC and a SQL timestamp literal, bypassing the provider.
    private long insertRow(String createdAtLiteral) throws SQLException {
        String key = StorageKey.forBlob(TENANT, UUID.randomUUID()).value();
        try (Connection connection = database.connect()) {
            String keyColumn = connection.getMetaData().getIdentifierQuoteString() + "key" + connection.getMetaData()
                    .getIdentifierQuoteString();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tracks_blobs (" + keyColumn
                    + ", filename, content_type, byte_size, status, created_at, tenant_id)"
                    + " VALUES (?, 'photo.png', 'image/png', 42, 'pending', " + createdAtLiteral + ", ?)")) {
                insert.setString(1, key);
                insert.setString(2, TENANT.value());
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM tracks_blobs WHERE " + keyColumn + " = ?")) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        }
    }

    private Object rawValue(long id, String column) throws SQLException {
        try (Connection connection = database.connect()) {
            return rawValue(connection, id, column);
        }
    }

    private static Object rawValue(Connection connection, long id, String column) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + column + " FROM tracks_blobs WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("row %d exists", id).isTrue();
                return row.getObject(1);
            }
        }
    }

    // Reads the column as text, so no JVM time zone takes part. Derby 10.16 has no getObject(LocalDateTime.class).
    private LocalDateTime rawTimestamp(long id, String column) throws SQLException {
        Object text;
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement("SELECT " + column + " FROM tracks_blobs WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("row %d exists", id).isTrue();
                text = row.getString(1);
            }
        }
        return text == null ? null : LocalDateTime.parse(text.toString().replace(' ', 'T'));
    }

    private long countRows() throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM tracks_blobs")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sqlFailure && sqlFailure.getSQLState() != null) {
                return sqlFailure.getSQLState();
            }
        }
        return "no SQLException in the cause chain of " + failure;
    }
}
