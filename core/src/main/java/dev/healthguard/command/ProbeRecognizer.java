package dev.healthguard.command;

import java.util.List;

/** Recognises what one tool's invocation probes. One implementation per tool family. */
interface ProbeRecognizer {

  /** True when this recogniser reads commands named {@code name} (a basename: curl, python3). */
  boolean accepts(String name);

  /**
   * The probe {@code args} describe, or null when they describe none (e.g. {@code curl --version},
   * {@code nc -l}). Problems such as a port only known at run time go to {@code findings}.
   *
   * @param invocation the invocation to attach, possibly a wrapper such as {@code busybox}
   */
  Probe recognize(String name, List<String> args, Invocation invocation, Walk findings);
}
