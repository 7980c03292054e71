package dev.tracks.storage.web;

/**
 * The JSON body of every error response: a stable code for programs and a message for people
 * that names the field and the fix.
 *
 * @param error a snake_case code such as {@code blob_not_found}
 * @param message what failed and what to do next
 */
public record ErrorBody(String error, String message) {
}
