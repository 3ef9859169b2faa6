package dev.healthguard.dockerfile;

import dev.healthguard.text.Excerpt;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What an evaluation could not settle, each as {@code file:line: message}, without repeats. */
final class Warnings {
  private final Set<String> messages = new LinkedHashSet<>();

  void add(SourceLocation at, String message) {
    message = Excerpt.inline(message, DockerfileException.MAX_PROBLEM_CHARS); // see there
    messages.add(at.startLine() > 0 ? at.file() + ":" + at.startLine() + ": " + message : at.file() + ": " + message);
  }

  void addAll(List<String> formatted) {
    messages.addAll(formatted);
  }

  List<String> list() {
    return new ArrayList<>(messages);
  }
}
