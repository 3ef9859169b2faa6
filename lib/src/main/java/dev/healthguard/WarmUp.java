package dev.healthguard;

import dev.healthguard.command.CommandAnalyzer;
import dev.healthguard.dockerfile.BuildOptions;
import dev.healthguard.dockerfile.DockerfileEvaluator;
import dev.healthguard.image.Catalog;
import dev.healthguard.image.ImageName;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Loads and exercises the guard's code on a background thread while the app is still building its
 * constructs. A CDK CLI synth is one synth per JVM, and the benchmark measured the guard's first
 * run at 2–3 s of class loading and interpreted code against 0.3–0.8 s warm; construction keeps
 * node busy for seconds with the JVM mostly waiting, so the warm-up costs the user nothing.
 */
final class WarmUp {

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private static final String DOCKERFILE = String.join("\n",
      "# syntax=docker/dockerfile:1",
      "ARG BASE=alpine:3.20",
      "FROM golang:1.22 AS build",
      "WORKDIR /src",
      "COPY . .",
      "RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app \\",
      " && apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-1 \\",
      " && rm -rf /var/lib/apt/lists/*",
      "FROM ${BASE} AS server",
      "RUN apk add --no-cache --virtual .deps curl && apk del .deps",
      "COPY --from=build /out/app /usr/local/bin/app",
      "ENV PATH=/app/bin:$PATH",
      "USER 65532",
      "HEALTHCHECK --interval=30s CMD wget -q -O /dev/null http://localhost:8080/ || exit 1",
      "");

  private WarmUp() {}

  /** Starts the warm-up once per JVM; returns at once. */
  public static void start() {
    if (STARTED.compareAndSet(false, true)) {
      Thread thread = new Thread(WarmUp::run, "healthguard-warm-up");
      thread.setDaemon(true);
      thread.setPriority(Thread.MIN_PRIORITY);
      thread.start();
    }
  }

  private static void run() {
    try {
      Catalog catalog = Catalog.builtIn();
      for (String image : List.of("alpine:3.20", "python:3.12-slim", "cgr.dev/chainguard/static:latest")) {
        catalog.lookup(ImageName.parse(image));
      }
      // Enough repetitions for the JIT to compile the parser's and analyser's hot loops.
      for (int i = 0; i < 200; i++) {
        DockerfileEvaluator.evaluate(DOCKERFILE, "Dockerfile", BuildOptions.DEFAULT);
        CommandAnalyzer.analyze(List.of("CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"));
      }
    } catch (RuntimeException e) {
      // A warm-up has nothing to report; the real run will meet the same problem and say so.
    }
  }
}
