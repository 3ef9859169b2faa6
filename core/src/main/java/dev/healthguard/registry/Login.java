package dev.healthguard.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and a secret (password or access token) for one registry. {@link #toString()} never
 * shows the secret, so a login cannot leak through a message or a log line by accident.
 */
public final class Login {

  private final String username;
  private final String secret;

  public Login(String username, String secret) {
    this.username = Objects.requireNonNull(username, "username");
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  public String username() {
    return username;
  }

  /** The value of an {@code Authorization: Basic …} header. */
  String basicHeader() {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Login l && l.username.equals(username) && l.secret.equals(secret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(username, secret);
  }

  @Override
  public String toString() {
    return "Login[" + username + ", secret hidden]";
  }
}
