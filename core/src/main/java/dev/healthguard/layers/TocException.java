package dev.healthguard.layers;

/** A table of contents that cannot be used; the layer is streamed instead. */
final class TocException extends RuntimeException {
  TocException(String message) {
    super(message, null, false, false);
  }
}
