package dev.tracks.storage.service;

import dev.tracks.storage.Attachment;
import dev.tracks.storage.InvalidInputException;
import dev.tracks.storage.config.StorageConfig;
import java.util.List;
import java.util.Locale;

/**
 * The content one attachment accepts: media types (exact, {@code image/*}, or {@code *}{@code /*})
 * and a largest size. Checked when an upload is signed and again when it is finalized, so a client
 * cannot store a file the attachment would refuse.
 *
 * @param contentTypes the accepted media types; empty accepts any
 * @param maxSize the largest accepted size in bytes
 */
public record AttachmentRules(List<String> contentTypes, long maxSize) {

    public AttachmentRules {
        contentTypes = contentTypes.stream().map(type -> type.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * Returns the application-wide rules: {@code storage.upload.content-types} and
     * {@code storage.upload.max-file-size}.
     */
    public static AttachmentRules defaults(StorageConfig config) {
        return new AttachmentRules(config.allowedContentTypes(), config.uploadLimits().maxFileSize());
    }

    /**
     * Returns the rules of an {@code @Attachment}, narrowed by the application-wide limits.
     */
    public static AttachmentRules of(Attachment attachment, AttachmentRules defaults) {
        List<String> types = attachment.contentTypes().length == 0 ? defaults.contentTypes() : List.of(attachment.contentTypes());
        long maxSize = attachment.maxSize() < 0 ? defaults.maxSize() : Math.min(attachment.maxSize(), defaults.maxSize());
        return new AttachmentRules(types, maxSize);
    }

    /**
     * Checks a declared or detected type and size.
     *
     * @throws InvalidInputException naming {@code content_type} or {@code byte_size} when refused
     */
    public void check(String contentType, long byteSize) {
        if (!allows(contentType)) {
            throw new InvalidInputException("content_type", "content_type '" + contentType + "' is not allowed here: send one of "
                    + String.join(", ", contentTypes) + " (the file's content is checked, not only its name or declared type)");
        }
        if (byteSize > maxSize) {
            throw new InvalidInputException("byte_size", "byte_size " + byteSize + " exceeds the limit of " + maxSize
                    + " bytes: send a smaller file");
        }
    }

    /**
     * Returns whether {@code contentType} matches one of the accepted types.
     */
    public boolean allows(String contentType) {
        if (contentTypes.isEmpty()) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return contentTypes.stream().anyMatch(pattern -> matches(pattern, type));
    }

    private static boolean matches(String pattern, String type) {
        if (pattern.equals("*/*") || pattern.equals(type)) {
            return true;
        }
        return pattern.endsWith("/*") && type.startsWith(pattern.substring(0, pattern.length() - 1));
    }
}
