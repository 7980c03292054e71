-- When the blob was attached to an owner; NULL while unattached. The sweeper purges active blobs
-- that stay unattached past storage.sweeper.unattached-grace.
ALTER TABLE tracks_blobs ADD COLUMN attached_at TIMESTAMP;
