package dev.healthguard.cli;

/** An input that cannot be checked at all: not found, too large, not JSON, nothing to check. Exit 2. */
final class InputException extends Exception {

  InputException(String message) {
    super(message);
  }
}
