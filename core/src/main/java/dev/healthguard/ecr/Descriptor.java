package dev.healthguard.ecr;

/**
 * A content descriptor as a manifest holds it (image-spec descriptor.md): here, the config's.
 *
 * @param mediaType the media type
 * @param digest {@code sha256:…}
 * @param size bytes
 */
record Descriptor(String mediaType, String digest, long size) {}
