package dev.healthguard.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a CloudFormation YAML template into the same maps and lists as its JSON form: each short
 * tag becomes its long form ({@code !Ref X} is {@code {"Ref": "X"}}, {@code !GetAtt A.B} is
 * {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub s} is {@code {"Fn::Sub": "s"}}), so the core
 * reads both alike.
 */
final class CloudFormationYaml {

  /** The intrinsic functions that have a short form (CloudFormation's intrinsic function reference). */
  private static final List<String> FUNCTIONS = List.of("And", "Base64", "Cidr", "Equals", "FindInMap", "GetAtt",
      "GetAZs", "If", "ImportValue", "Join", "Length", "Not", "Or", "Select", "Split", "Sub", "ToJsonString",
      "Transform");

  private CloudFormationYaml() {}

  /** @throws RuntimeException (snakeyaml's {@code YamlEngineException}) when the text is not YAML */
  static Object load(String text) {
    LoadSettings settings = LoadSettings.builder()
        // YAML 1.2's core schema: true/false/null and numbers as CloudFormation reads them.
        .setSchema(new CoreSchema())
        .setAllowDuplicateKeys(false)
        // Billion-laughs guard: templates have no reason to alias much.
        .setMaxAliasesForCollections(50)
        .setCodePointLimit(BoundedRead.MAX_BYTES)
        .build();
    return new Load(settings, new Constructor(settings)).loadFromString(text);
  }

  private static final class Constructor extends StandardConstructor {

    Constructor(LoadSettings settings) {
      super(settings);
      tagConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
      tagConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
      for (String function : FUNCTIONS) {
        tagConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
      }
    }

    /** One short tag: the node's value, constructed as untagged YAML, under the long name. */
    private final class Intrinsic implements ConstructNode {

      private final String name;

      Intrinsic(String name) {
        this.name = name;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
          value = scalar.getValue();
          if (name.equals("Fn::GetAtt") && scalar.getValue().contains(".")) {
            // !GetAtt Resource.Attribute; the attribute may itself hold dots (Endpoint.Address).
            String text = scalar.getValue();
            int dot = text.indexOf('.');
            value = List.of(text.substring(0, dot), text.substring(dot + 1));
          }
        } else if (node instanceof SequenceNode sequence) {
          List<Object> items = new ArrayList<>();
          for (Node item : sequence.getValue()) {
            items.add(constructObject(item));
          }
          value = items;
        } else {
          value = new LinkedHashMap<>(constructMapping((MappingNode) node));
        }
        Map<String, Object> function = new LinkedHashMap<>();
        function.put(name, value);
        return function;
      }
    }
  }
}
