package dev.healthguard.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The logins {@code docker login} stored, read the way the Docker CLI reads them: the file {@code
 * $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; for a registry, its {@code
 * credHelpers} entry, else the {@code credsStore}, else its {@code auths} entry. A helper is the
 * program {@code docker-credential-<name>} on the {@code PATH}, run as {@code get} with the
 * server on standard input; it answers {@code {"Username": …, "Secret": …}}.
 *
 * <p>Nothing read here is ever put in a message: errors name the file or the helper and what is
 * wrong, not its output. A missing file means no logins. Identity tokens (an OAuth refresh token,
 * {@code identitytoken} or the user name {@code <token>}) are not supported: such a registry is
 * read anonymously, and a lookup it refuses says so.
 */
public final class DockerConfig implements RegistryCredentials {

  private static final ObjectMapper JSON = new ObjectMapper();
  // What the Docker CLI stores Docker Hub's login under (its IndexServer).
  static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";
  private static final long HELPER_TIMEOUT_SECONDS = 20;
  private static final int MAX_HELPER_OUTPUT = 64 * 1024;

  private final Path file;
  private final Map<String, String> environment;
  private final JsonNode root;
  private final String problem;
  private final Map<String, Optional<Login>> resolved = new ConcurrentHashMap<>();

  private DockerConfig(Path file, Map<String, String> environment) {
    this.file = file;
    this.environment = Map.copyOf(environment);
    JsonNode read = null;
    String why = null;
    if (file != null && Files.isRegularFile(file)) {
      try {
        read = JSON.readTree(Files.readAllBytes(file));
        if (read == null || !read.isObject()) {
          why = file + " is not a JSON object";
          read = null;
        }
      } catch (IOException e) {
        why = file + " could not be read as JSON";
      }
    }
    this.root = read;
    this.problem = why;
  }

  /** The Docker config of this process: {@code DOCKER_CONFIG}, {@code HOME}, {@code PATH}. */
  public static DockerConfig fromEnvironment() {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.putIfAbsent("HOME", System.getProperty("user.home"));
    return fromEnvironment(env);
  }

  /**
   * The Docker config that {@code environment} points at.
   *
   * @param environment {@code DOCKER_CONFIG} (a directory), else {@code HOME}; {@code PATH} to find
   *     helpers
   */
  public static DockerConfig fromEnvironment(Map<String, String> environment) {
    String dir = environment.get("DOCKER_CONFIG");
    Path file = null;
    if (dir != null && !dir.isBlank()) {
      file = Path.of(dir, "config.json");
    } else if (environment.get("HOME") != null) {
      file = Path.of(environment.get("HOME"), ".docker", "config.json");
    }
    return new DockerConfig(file, environment);
  }

  /** The file read, or null when neither {@code DOCKER_CONFIG} nor {@code HOME} is set. */
  public Path file() {
    return file;
  }

  @Override
  public Optional<Login> forRegistry(String registry) {
    String host = normalize(registry);
    return resolved.computeIfAbsent(host, this::find);
  }

  private Optional<Login> find(String host) {
    if (problem != null) {
      throw new CredentialsException("The Docker config " + problem + "; fix or move it to read " + host + " anonymously");
    }
    if (root == null) {
      return Optional.empty();
    }
    String helper = helperFor(host);
    if (helper != null) {
      return fromHelper(helper, host);
    }
    JsonNode auths = root.path("auths");
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (normalize(entry.getKey()).equals(host)) {
        return fromAuthEntry(entry.getValue(), host);
      }
    }
    return Optional.empty();
  }

  private String helperFor(String host) {
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("credHelpers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (normalize(entry.getKey()).equals(host) && entry.getValue().isTextual()) {
        return entry.getValue().asText();
      }
    }
    JsonNode store = root.get("credsStore");
    return store != null && store.isTextual() && !store.asText().isBlank() ? store.asText() : null;
  }

  private Optional<Login> fromAuthEntry(JsonNode entry, String host) {
    if (entry.hasNonNull("identitytoken")) {
      return Optional.empty();
    }
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new CredentialsException("The Docker config " + file + " has an 'auth' for " + host + " that is not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        throw new CredentialsException("The Docker config " + file + " has an 'auth' for " + host + " that is not user:password");
      }
      return Optional.of(new Login(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
    String user = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    return user.isEmpty() || password.isEmpty() ? Optional.empty() : Optional.of(new Login(user, password));
  }

  private Optional<Login> fromHelper(String helper, String host) {
    String program = "docker-credential-" + helper;
    if (!helper.matches("[A-Za-z0-9_.-]+")) {
      throw new CredentialsException("The Docker config " + file + " names a credential helper that is not a plain name");
    }
    Path executable = onPath(program);
    if (executable == null) {
      throw new CredentialsException(
          "The Docker config " + file + " says to ask " + program + " for " + host + ", but it is not on the PATH");
    }
    String server = host.equals("docker.io") ? DOCKER_HUB_SERVER : host;
    byte[] out;
    int exit;
    try {
      ProcessBuilder builder = new ProcessBuilder(executable.toString(), "get").redirectError(ProcessBuilder.Redirect.DISCARD);
      builder.environment().clear();
      builder.environment().putAll(environment);
      Process process = builder.start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(server.getBytes(StandardCharsets.UTF_8));
      }
      out = readBounded(process.getInputStream());
      if (!process.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new CredentialsException(program + " did not answer for " + host + " within " + HELPER_TIMEOUT_SECONDS + " s");
      }
      exit = process.exitValue();
    } catch (IOException e) {
      throw new CredentialsException(program + " could not be run for " + host + " (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CredentialsException(program + " was interrupted");
    }
    if (exit != 0) {
      // "credentials not found" is the helpers' answer for a registry they hold nothing for.
      return Optional.empty();
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(out);
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null || !answer.isObject()) {
      throw new CredentialsException(program + " answered for " + host + " with something that is not JSON");
    }
    String user = answer.path("Username").asText("");
    String secret = answer.path("Secret").asText("");
    if (user.isEmpty() || secret.isEmpty() || user.equals("<token>")) {
      return Optional.empty();
    }
    return Optional.of(new Login(user, secret));
  }

  private Path onPath(String program) {
    String path = environment.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate) && Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if (out.size() + n > MAX_HELPER_OUTPUT) {
        throw new IOException("helper output too large");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * The registry host an {@code auths} or {@code credHelpers} key names: the scheme and any path
   * dropped, lower case, Docker Hub's names folded into {@code docker.io}.
   */
  static String normalize(String key) {
    String host = key.strip().toLowerCase(Locale.ROOT);
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    return switch (host) {
      case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
      default -> host;
    };
  }

  @Override
  public String toString() {
    return "DockerConfig[" + file + "]";
  }
}
