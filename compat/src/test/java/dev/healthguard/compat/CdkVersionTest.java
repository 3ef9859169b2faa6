package dev.healthguard.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/**
 * The library's tests in this module run on the oldest supported aws-cdk-lib, not on the one the
 * library is built with: otherwise they would only repeat the lib module's run.
 */
class CdkVersionTest {

  @Test
  void theCdkOnTheClassPathIsTheOldestSupported() throws Exception {
    String loaded = versionOfJarHolding(App.class);
    String built = Poms.properties(Poms.read(Poms.ROOT.resolve("pom.xml"))).get("aws-cdk-lib.version");

    assertEquals(System.getProperty("healthguard.cdk.expected"), loaded);
    assertEquals(Poms.properties(Poms.read(Poms.ROOT.resolve("pom.xml"))).get("cdk.minimum.version"), loaded);
    assertNotEquals(built, loaded, "the compat run would only repeat the lib module's");
  }

  private static String versionOfJarHolding(Class<?> type) throws IOException, java.net.URISyntaxException {
    Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (JarFile file = new JarFile(jar.toFile());
        InputStream in = file.getInputStream(file.getEntry("META-INF/maven/software.amazon.awscdk/aws-cdk-lib/pom.properties"))) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    }
  }
}
