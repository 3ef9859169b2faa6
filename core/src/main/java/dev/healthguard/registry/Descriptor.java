package dev.healthguard.registry;

/**
 * A content descriptor as a manifest holds it (image-spec descriptor.md): a config or another blob.
 *
 * @param mediaType the media type
 * @param digest {@code sha256:…}
 * @param size bytes
 */
public record Descriptor(String mediaType, String digest, long size) {}
