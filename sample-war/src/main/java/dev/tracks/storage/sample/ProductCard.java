package dev.tracks.storage.sample;

import java.net.URI;

/**
 * One product as the catalog page shows it.
 *
 * @param name the product's name, not yet escaped
 * @param imageUrl a signed, absolute URL of the image, or {@code null} when the image blob is gone
 */
record ProductCard(String name, URI imageUrl) {
}
