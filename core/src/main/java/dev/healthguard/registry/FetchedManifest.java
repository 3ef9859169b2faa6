package dev.healthguard.registry;

/**
 * A manifest or index as its registry stored it, already checked against its digest.
 *
 * @param digest the sha256 of {@code bytes}
 * @param mediaType the media type the registry reported, or null when it reported none
 * @param bytes the document
 */
public record FetchedManifest(String digest, String mediaType, byte[] bytes) {}
