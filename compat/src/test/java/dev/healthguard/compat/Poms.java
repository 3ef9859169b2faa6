package dev.healthguard.compat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The checkout's poms, read as XML: where the tests find the versions HealthGuard builds with. */
final class Poms {

  static final Path ROOT = Path.of(System.getProperty("healthguard.root", "..")).toAbsolutePath().normalize();

  private Poms() {}

  static Element read(Path pom) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
    }
  }

  /** The {@code <properties>} of a pom, as written (no interpolation). */
  static Map<String, String> properties(Element project) {
    Map<String, String> out = new LinkedHashMap<>();
    Element properties = child(project, "properties");
    if (properties != null) {
      for (Node n = properties.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          out.put(e.getTagName(), e.getTextContent().trim());
        }
      }
    }
    return out;
  }

  static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }

  static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
