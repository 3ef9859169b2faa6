package dev.healthguard.layers.bench;

import dev.healthguard.layers.LayerListing;
import dev.healthguard.layers.LayerReader;
import dev.healthguard.layers.ScanVariants;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Times {@link LayerReader} against {@code gzip -dc | tar -t} on a generated layer, in one JVM, and
 * shows that memory does not grow with the layer's size.
 *
 * <p>The layer imitates research ecr-oci.md §6: files of 64 B–32 KB (98 %) and 64 KB–4 MB (2 %),
 * log-uniform; a third random bytes, a third base64, a third word soup; with directories,
 * symlinks and hardlinks: 15,662 entries and 300 MB of tar (205 MB of gzip -6), plus a layer
 * half that size. Both are generated once (about 40 s) and cached with their digests in
 * {@code lib/target/layer-bench/}.
 *
 * <p>Each size is listed alternately by the shell and by Java (digest verification on, as in
 * production) three times; the medians, the throughput ratio Java/shell (target at least 0.9),
 * the heap high-water mark during the Java runs and the heap still used after a GC while the
 * listing is held are printed.
 *
 * <p>Run from the repository root, in a JVM of its own:
 *
 * <pre>
 * mvn -q -B -pl core test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp core/target/test-classes:core/target/classes:$(cat core/target/test-classpath.txt) \
 *     dev.healthguard.layers.bench.LayerListingBenchmark [variants | toc]
 * </pre>
 *
 * <p>{@code exec:java} does not work here: the parent pom sets {@code <skip>true</skip>} for
 * exec-maven-plugin as a literal, which a {@code -Dexec.skip=false} user property cannot override.
 * The argument {@code variants} also times the reading variants that were weighed (inline hashing,
 * the Commons gzip reader); {@code toc} only compares the bytes one lookup reads, streamed against
 * through an eStargz table of contents ({@link TocBytes}), which every run also prints. Adding
 * {@code -Xmx64m} to {@code java} shows the listing fits a small heap whatever the layer's size.
 */
public final class LayerListingBenchmark {
  private static final String MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final int RUNS = 3;
  private static final long MB = 1_000_000;

  private LayerListingBenchmark() {}

  public static void main(String[] args) throws Exception {
    boolean variants = args.length > 0 && args[0].equals("variants");
    boolean tocOnly = args.length > 0 && args[0].equals("toc");
    Path dir = Files.exists(Path.of("lib", "pom.xml")) ? Path.of("lib", "target", "layer-bench")
        : Path.of("target", "layer-bench");
    Files.createDirectories(dir);
    System.out.printf("JVM %s, %d cores, max heap %,d MB%n", System.getProperty("java.vm.version"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / MB);
    Layer big = Layer.cached(dir.resolve("layer-300mb-tar.tar.gz"), 300 * MB, 42);
    Layer half = Layer.cached(dir.resolve("layer-150mb-tar.tar.gz"), 150 * MB, 43);
    for (Layer layer : List.of(big, half)) {
      if (tocOnly) {
        LayerListing listing;
        try (InputStream in = Files.newInputStream(layer.file())) {
          listing = LayerReader.read(in, MEDIA_TYPE, layer.digest());
        }
        System.out.printf("%nlayer %s: %,d bytes gzip%n", layer.file().getFileName(), Files.size(layer.file()));
        TocBytes.compare(layer.file(), listing);
      } else {
        compare(layer);
      }
    }
    if (variants) {
      for (String variant : ScanVariants.NAMES) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
          long start = System.nanoTime();
          try (InputStream in = Files.newInputStream(big.file())) {
            ScanVariants.read(variant, in, MEDIA_TYPE, big.digest());
          }
          times.add((System.nanoTime() - start) / 1e9);
        }
        System.out.printf("variant %-20s %s median %.2f s%n", variant, seconds(times), median(times));
      }
    }
  }

  private static void compare(Layer layer) throws Exception {
    System.out.printf("%nlayer %s: %,d bytes gzip, digest %s%n", layer.file().getFileName(),
        Files.size(layer.file()), layer.digest());
    List<Double> shell = new ArrayList<>();
    List<Double> java = new ArrayList<>();
    long peak = 0;
    long retained = 0;
    LayerListing listing = null;
    for (int i = 0; i < RUNS; i++) {
      shell.add(shell(layer.file()));
      listing = null;
      System.gc();
      long base = heapUsed();
      resetPeaks();
      long start = System.nanoTime();
      try (InputStream in = Files.newInputStream(layer.file())) {
        listing = LayerReader.read(in, MEDIA_TYPE, layer.digest());
      }
      java.add((System.nanoTime() - start) / 1e9);
      peak = Math.max(peak, heapPeak() - base);
      System.gc();
      retained = heapUsed() - base;
    }
    double shellMedian = median(shell);
    double javaMedian = median(java);
    long compressed = Files.size(layer.file());
    System.out.printf("  entries %,d, tar %,d bytes%n", listing.entries().size(), listing.uncompressedBytes());
    System.out.printf("  gzip -dc | tar -t  %s median %.2f s (%.1f MB/s compressed)%n",
        seconds(shell), shellMedian, compressed / MB / shellMedian);
    System.out.printf("  LayerReader.read   %s median %.2f s (%.1f MB/s compressed)%n",
        seconds(java), javaMedian, compressed / MB / javaMedian);
    System.out.printf("  throughput java/shell %.2fx on medians, %.2fx on best runs%n",
        shellMedian / javaMedian, min(shell) / min(java));
    System.out.printf("  heap: peak above the pre-run baseline %,d KB (sum of pool peaks);"
        + " retained after GC with the listing held %,d KB%n", peak / 1024, retained / 1024);
    TocBytes.compare(layer.file(), listing);
  }

  private static double shell(Path file) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process p = new ProcessBuilder("bash", "-c",
        "set -o pipefail; gzip -dc '" + file.toAbsolutePath() + "' | tar -t > /dev/null")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
    int rc = p.waitFor();
    if (rc != 0) {
      throw new IOException("gzip -dc | tar -t exited with " + rc);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static long heapUsed() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        used += pool.getUsage().getUsed();
      }
    }
    return used;
  }

  private static long heapPeak() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static double median(List<Double> xs) {
    List<Double> sorted = new ArrayList<>(xs);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  private static double min(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  private static String seconds(List<Double> xs) {
    StringBuilder b = new StringBuilder("[");
    for (double x : xs) {
      b.append(b.length() > 1 ? " " : "").append(String.format("%.2f", x));
    }
    return b.append(" s]").toString();
  }

  /** A generated layer file and its digest. */
  private record Layer(Path file, String digest) {
    static Layer cached(Path file, long tarBytes, long seed) throws Exception {
      Path digestFile = Path.of(file + ".sha256");
      if (Files.exists(file) && Files.exists(digestFile)) {
        return new Layer(file, Files.readString(digestFile).strip());
      }
      System.out.printf("generating %s (%,d bytes of tar), once…%n", file, tarBytes);
      long start = System.nanoTime();
      Path tmp = Path.of(file + ".tmp");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (OutputStream out = new DigestOutputStream(
              new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), sha);
          GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, StandardCharsets.UTF_8.name())) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        new Generator(new SplittableRandom(seed), tar).write(tarBytes);
      }
      String digest = "sha256:" + HexFormat.of().formatHex(sha.digest());
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(digestFile, digest + "\n");
      System.out.printf("  done in %.1f s%n", (System.nanoTime() - start) / 1e9);
      return new Layer(file, digest);
    }
  }

  /** Writes a tree like an application image's. */
  private static final class Generator {
    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not"
        + " he this are or his from at which but have an they you were her she there been one all"
        + " would their we him has when who will more no if out so said what up its about into than"
        + " them can only other new some could time these two may then do first any my now such like"
        + " our over man me even most made after also did many before must through back years where"
        + " much your way well down should because each just those people how too little state good"
        + " very make world still own see men work long get here between both life being under never"
        + " day same another know while last might us great old year off come since against go came"
        + " right used take three container layer health check image shell binary library config")
        .split(" ");

    private final SplittableRandom random;
    private final TarArchiveOutputStream tar;
    private final List<String> files = new ArrayList<>();
    private final byte[] buffer = new byte[4 << 20];
    private long written;
    private int dirs;

    Generator(SplittableRandom random, TarArchiveOutputStream tar) {
      this.random = random;
      this.tar = tar;
    }

    void write(long tarBytes) throws IOException {
      String dir = newDir("usr/share/app");
      int inDir = 0;
      while (written < tarBytes) {
        if (inDir >= 1 + random.nextInt(3)) {
          dir = newDir(random.nextInt(4) == 0 ? "usr/lib/pkg" + random.nextInt(40) : dir);
          inDir = 0;
        }
        String name = dir + "/f" + files.size() + suffix();
        int roll = random.nextInt(100);
        if (roll < 4 && !files.isEmpty()) {
          link(name, files.get(random.nextInt(files.size())), TarConstants.LF_SYMLINK);
        } else if (roll < 6 && !files.isEmpty()) {
          link(name, files.get(random.nextInt(files.size())), TarConstants.LF_LINK);
        } else {
          file(name);
        }
        inDir++;
      }
    }

    private String suffix() {
      return switch (random.nextInt(4)) {
        case 0 -> ".so";
        case 1 -> ".py";
        case 2 -> ".txt";
        default -> "";
      };
    }

    private String newDir(String parent) throws IOException {
      String dir = parent + "/d" + dirs++;
      TarArchiveEntry e = new TarArchiveEntry(dir + "/");
      e.setMode(040755);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
      written += 512;
      return dir;
    }

    private void link(String name, String target, byte type) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name, type);
      e.setLinkName(target);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
      written += 512;
    }

    private void file(String name) throws IOException {
      // 98 % log-uniform in [64 B, 32 KB], 2 % in [64 KB, 4 MB] (ecr-oci.md §6).
      double u = random.nextDouble();
      int size = random.nextInt(100) < 98
          ? (int) Math.exp(Math.log(64) + u * (Math.log(32768) - Math.log(64)))
          : (int) Math.exp(Math.log(65536) + u * (Math.log(4 << 20) - Math.log(65536)));
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setMode(random.nextInt(3) == 0 ? 0100755 : 0100644);
      e.setSize(size);
      tar.putArchiveEntry(e);
      fill(size);
      tar.write(buffer, 0, size);
      tar.closeArchiveEntry();
      files.add(name);
      written += 512 + (size + 511L) / 512 * 512;
    }

    private void fill(int size) {
      switch (random.nextInt(3)) {
        case 0 -> {
          for (int i = 0; i < size; i += 8) {
            long r = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
              buffer[i + j] = (byte) (r >>> (8 * j));
            }
          }
        }
        case 1 -> {
          byte[] raw = new byte[size * 3 / 4 + 3];
          for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) random.nextInt(256);
          }
          byte[] b64 = Base64.getEncoder().encode(raw);
          System.arraycopy(b64, 0, buffer, 0, size);
        }
        default -> {
          int i = 0;
          while (i < size) {
            byte[] w = WORDS[random.nextInt(WORDS.length)].getBytes(StandardCharsets.US_ASCII);
            for (int j = 0; j < w.length && i < size; j++) {
              buffer[i++] = w[j];
            }
            if (i < size) {
              buffer[i++] = (byte) (random.nextInt(12) == 0 ? '\n' : ' ');
            }
          }
        }
      }
    }
  }
}
