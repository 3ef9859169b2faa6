package dev.healthguard.registry;

/**
 * One {@code history[]} entry of an image config (image-spec config.md). {@code createdBy} holds
 * the instruction, e.g. {@code RUN /bin/sh -c apk add --no-cache curl # buildkit} from BuildKit or
 * {@code /bin/sh -c #(nop) CMD ["sh"]} from the classic builder (ecr-oci.md §2.4). History is
 * inherited from the base image, so a line is a hint about the contents, not proof.
 *
 * @param created RFC 3339 time as written, or null
 * @param createdBy the instruction, or null
 * @param comment e.g. {@code buildkit.dockerfile.v0}, or null
 * @param emptyLayer true when the step made no layer
 */
public record HistoryEntry(String created, String createdBy, String comment, boolean emptyLayer) {}
