-- Tracks Storage: one row per stored file. `key` is quoted because it is a reserved word.
-- utf8mb4 stores any Unicode filename, emoji included; the binary collation keeps keys case-sensitive.
CREATE TABLE tracks_blobs (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    `key`        VARCHAR(255) NOT NULL,
    filename     VARCHAR(255) NOT NULL,
    content_type VARCHAR(255) NOT NULL,
    byte_size    BIGINT       NOT NULL,
    checksum     VARCHAR(24),
    status       VARCHAR(16)  NOT NULL DEFAULT 'active',
    created_at   DATETIME(6)  NOT NULL,
    tenant_id    VARCHAR(64)  NOT NULL,
    CONSTRAINT tracks_blobs_pk PRIMARY KEY (id),
    CONSTRAINT tracks_blobs_key_uq UNIQUE (`key`),
    CONSTRAINT tracks_blobs_status_ck CHECK (status IN ('pending', 'active')),
    INDEX tracks_blobs_tenant_ix (tenant_id),
    INDEX tracks_blobs_status_created_ix (status, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
