package dev.healthguard.registry;

import java.util.Objects;

/**
 * Where an image is on the wire: a registry host, a repository in it, and a tag or a digest. The
 * user-facing name, with Docker Hub's short forms, is {@code image.ImageName}; this is what a
 * client sends, after those forms were expanded.
 *
 * @param registry the registry host as named, with its port if any: {@code docker.io}, {@code
 *     ghcr.io}, {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}, {@code 127.0.0.1:5000}
 * @param repository e.g. {@code library/alpine}
 * @param tag e.g. {@code 3.20}, or null
 * @param digest e.g. {@code sha256:…}, or null; when both are given the digest is what is read
 */
public record ImageAddress(String registry, String repository, String tag, String digest) {

  public ImageAddress {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    if (tag == null && digest == null) {
      throw new IllegalArgumentException("Image " + registry + "/" + repository + " needs a tag or a digest");
    }
    if (digest != null && !Digest.isVerifiable(digest)) {
      throw new IllegalArgumentException("Invalid image digest '" + digest + "': expected sha256:<64 lowercase hex digits>");
    }
  }

  /** A tag, or a digest when {@code tagOrDigest} has an algorithm prefix. */
  public static ImageAddress of(String registry, String repository, String tagOrDigest) {
    Objects.requireNonNull(tagOrDigest, "tagOrDigest");
    return tagOrDigest.contains(":")
        ? new ImageAddress(registry, repository, null, tagOrDigest)
        : new ImageAddress(registry, repository, tagOrDigest, null);
  }

  /** The tag or digest to ask for: the digest when both are given, since it names the content. */
  public String reference() {
    return digest != null ? digest : tag;
  }

  public boolean isByDigest() {
    return digest != null;
  }

  /** The same image pinned to {@code pinned}. */
  public ImageAddress withDigest(String pinned) {
    return new ImageAddress(registry, repository, null, pinned);
  }

  /** {@code ghcr.io/org/app:v1}, or {@code …@sha256:…}. */
  public String display() {
    return registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  @Override
  public String toString() {
    return display();
  }
}
