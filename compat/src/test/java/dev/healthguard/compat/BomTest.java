package dev.healthguard.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The BOM users import has no parent (the parent pins the CDK), so it repeats the versions the
 * build manages: they must be the same, and it must not manage the CDK.
 */
class BomTest {

  @Test
  void managesTheVersionsTheBuildTestsWithAndNotTheCdk() {
    Element parent = Poms.read(Poms.ROOT.resolve("pom.xml"));
    Element bom = Poms.read(Poms.ROOT.resolve("bom/pom.xml"));
    Map<String, String> built = Poms.properties(parent);
    Map<String, String> bomProperties = Poms.properties(bom);

    assertNull(Poms.child(bom, "parent"), "an imported BOM would bring everything its parent manages");
    assertEquals(Poms.text(parent, "version"), Poms.text(bom, "version"));
    assertFalse(bomProperties.isEmpty());
    for (Map.Entry<String, String> pinned : bomProperties.entrySet()) {
      assertEquals(built.get(pinned.getKey()), pinned.getValue(), "bom/pom.xml " + pinned.getKey());
    }
    String managed = Poms.child(bom, "dependencyManagement").getTextContent();
    for (String cdk : List.of("aws-cdk-lib", "constructs", "jsii-runtime")) {
      assertFalse(managed.contains(cdk), "the BOM must leave " + cdk + " to the app");
    }
  }
}
