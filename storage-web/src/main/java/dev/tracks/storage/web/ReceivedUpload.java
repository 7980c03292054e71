package dev.tracks.storage.web;

import dev.tracks.storage.Blob;
import java.util.Map;

/**
 * The result of reading a multipart upload: the stored blob and the plain form fields that came
 * with it, such as a product's name.
 *
 * @param blob the new active blob
 * @param fields the other fields by name, first value only
 */
public record ReceivedUpload(Blob blob, Map<String, String> fields) {

    public ReceivedUpload {
        fields = Map.copyOf(fields);
    }
}
