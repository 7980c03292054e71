package dev.tracks.storage;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity field that refers to a blob, such as {@code @Attachment Long imageBlobId}.
 *
 * <p>The attributes state what the field accepts; they are checked when an upload is signed and
 * again when it is finalized, so a client cannot store a file the field would refuse.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Attachment {

    /**
     * Returns the media types the field accepts, such as {@code image/png} or {@code image/*}.
     * Empty accepts any type.
     */
    String[] contentTypes() default {};

    /**
     * Returns the largest accepted file in bytes; {@code -1} leaves the limit to the
     * {@code storage.upload.max-file-size} setting.
     */
    long maxSize() default -1;
}
