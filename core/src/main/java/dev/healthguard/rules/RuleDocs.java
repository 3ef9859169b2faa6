package dev.healthguard.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where each rule's page lives and which HealthGuard wrote a report. Both come from the pom (the
 * {@code url} and {@code version} filtered into {@code healthguard.properties}), so a report and a
 * message always point at the pages of the release that produced them.
 */
public final class RuleDocs {

  private static final Properties BUILD = load();

  private RuleDocs() {}

  /** The project's home page, e.g. {@code https://github.com/healthguard-dev/healthguard}. */
  public static String projectUrl() {
    return BUILD.getProperty("url");
  }

  /** The version of this build, e.g. {@code 0.2.0}. */
  public static String version() {
    return BUILD.getProperty("version");
  }

  /** The page of one rule: {@code <project>/blob/main/docs/rules/HG001.md}. */
  public static String pageOf(String ruleId) {
    return projectUrl() + "/blob/main/" + relativePage(ruleId);
  }

  /** The page's path in the repository, {@code docs/rules/HG001.md}. */
  public static String relativePage(String ruleId) {
    return "docs/rules/" + ruleId + ".md";
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = RuleDocs.class.getResourceAsStream("healthguard.properties")) {
      if (in == null) {
        throw new IllegalStateException("healthguard.properties is missing from the HealthGuard core jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
