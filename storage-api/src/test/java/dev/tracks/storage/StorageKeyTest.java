package dev.tracks.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StorageKeyTest {

    @Test
    void blobKeyHasTenantFolder() {
        UUID uuid = UUID.fromString("0b7e3c52-4f1a-4d43-9a51-2b4c7d0c9e11");

        StorageKey key = StorageKey.forBlob(new TenantId("acme"), uuid);

        assertThat(key.value()).isEqualTo("tenants/acme/blobs/0b7e3c52-4f1a-4d43-9a51-2b4c7d0c9e11");
        assertThat(key.belongsTo(new TenantId("acme"))).isTrue();
        assertThat(key.belongsTo(new TenantId("acm"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "..", "../etc/passwd", "tenants/../../etc", "tenants/acme/..", "/etc/passwd", "tenants//acme",
        "tenants/acme/", "tenants\\acme", "..\\windows", "tenants/acme/\u0000x", "tenants/%2e%2e/x",
        "%2e%2e", "tenants/acme/.hidden", ".", "./x", "C:/x", "tenants/acme/bl ob", "tenants/ä"
    })
    void keyThatCouldLeaveTheRootIsRejected(String value) {
        assertThatThrownBy(() -> new StorageKey(value))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("invalid");
    }

    @Test
    void nulByteIsShownEscapedInMessage() {
        assertThatThrownBy(() -> new StorageKey("a/\u0000b"))
                .hasMessageContaining("a/\\u0000b");
    }

    @Test
    void emptyKeyIsRejected() {
        assertThatThrownBy(() -> new StorageKey("")).isInstanceOf(InvalidKeyException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> new StorageKey(null)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void overLongKeyIsRejected() {
        String value = "a".repeat(StorageKey.MAX_LENGTH + 1);

        assertThatThrownBy(() -> new StorageKey(value))
                .isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("maximum is 255");
    }

    @Test
    void ordinaryKeysAreAccepted() {
        assertThat(new StorageKey("a").value()).isEqualTo("a");
        assertThat(new StorageKey("tenants/acme-1/blobs/file.v2_final").value()).isEqualTo("tenants/acme-1/blobs/file.v2_final");
    }
}
