package dev.healthguard.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What well-known base images contain, by image name: the built-in {@code catalog.json}, each row
 * citing the public sources its facts come from.
 *
 * <p>Rows are tried in file order and the first whose repositories and tag pattern match, and whose
 * sources verified the tag's version, wins: {@code nginx:alpine-slim} meets its own row before
 * {@code nginx:alpine}, and {@code eclipse-temurin:21-jre} passes the row for 25 and later to reach
 * the one for 8 to 24. A name served from a known {@link Mirror} is looked up under its Docker Hub
 * name. A name no row verifies is unknown, never judged by another version's facts: the catalog
 * never guesses.
 */
public final class Catalog {

  private final Map<ImageName, Optional<CatalogMatch>> matches = new ConcurrentHashMap<>();

  private static final String RESOURCE = "catalog.json";

  private final List<CatalogRow> rows;

  private Catalog(List<CatalogRow> rows) {
    this.rows = rows;
  }

  /**
   * The catalog shipped with HealthGuard, read and checked once.
   *
   * @throws IllegalStateException when the resource is missing or invalid, which is a build bug
   */
  public static Catalog builtIn() {
    Catalog catalog = builtIn;
    if (catalog == null) {
      synchronized (Catalog.class) {
        catalog = builtIn;
        if (catalog == null) {
          catalog = loadBuiltIn();
          builtIn = catalog;
        }
      }
    }
    return catalog;
  }

  // Loaded lazily rather than in a static initializer, so a broken resource surfaces as the
  // IllegalStateException with every problem listed, not as an ExceptionInInitializerError.
  private static volatile Catalog builtIn;

  private static Catalog loadBuiltIn() {
    try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The built-in catalog resource " + RESOURCE + " is missing");
      }
      return new Catalog(CatalogLoader.load(in, RESOURCE));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("The built-in " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a catalog in the built-in format, for tests; throws listing every problem. */
  static Catalog read(InputStream in, String source) {
    return new Catalog(CatalogLoader.load(in, source));
  }

  /** The row {@code name} matches and the profile it gives, or empty when no row knows the name. */
  public Optional<CatalogMatch> lookup(ImageName name) {
    // Rows are immutable, so a name's match never changes: a large app asks for the same few bases.
    return matches.computeIfAbsent(name, this::match);
  }

  private Optional<CatalogMatch> match(ImageName name) {
    ImageName upstream = name.upstream();
    Mirror mirror = name.mirror().orElse(null);
    for (CatalogRow row : rows) {
      if (row.matches(upstream) && row.verifies(upstream.tag())) {
        return Optional.of(new CatalogMatch(row.id(), row.profile(name, mirror), row.fixHint()));
      }
    }
    return Optional.empty();
  }

  /**
   * Why the catalog knows {@code name}'s family but not its version, when that is so: the first
   * row whose pattern takes the name but whose sources did not verify its version.
   */
  public Optional<String> outsideVerified(ImageName name) {
    ImageName upstream = name.upstream();
    for (CatalogRow row : rows) {
      if (row.matches(upstream) && !row.verifies(upstream.tag())) {
        return Optional.of(row.outsideRange(upstream.tag()));
      }
    }
    return Optional.empty();
  }

  /** What the catalog says {@code name} contains, or empty when no row knows the name. */
  public Optional<ImageProfile> profile(ImageName name) {
    return lookup(name).map(CatalogMatch::profile);
  }

  /** The row ids in match order. */
  public List<String> rowIds() {
    return rows.stream().map(CatalogRow::id).toList();
  }

  List<CatalogRow> rows() {
    return rows;
  }
}
