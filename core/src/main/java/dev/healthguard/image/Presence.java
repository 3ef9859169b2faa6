package dev.healthguard.image;

/** Whether an image holds a file, as far as the evidence goes. */
public enum Presence {
  PRESENT,
  ABSENT,
  /** Nothing the guard can read settles it; never grounds for an error. */
  UNKNOWN
}
