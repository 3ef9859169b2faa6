package dev.healthguard.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A getopt-style reading of one program's arguments: options anywhere, {@code --name=value},
 * {@code --name value} for the options that take one, clustered short options ({@code -qy}),
 * and {@code --} ending the options. Package managers are read this way.
 *
 * @param options long options by name, short ones by their letter; "" for options without value
 * @param operands everything that is not an option, in order
 */
record CommandLine(Map<String, String> options, List<String> operands) {

  static CommandLine parse(List<String> args, Set<String> longWithValue, String shortWithValue) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        operands.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        if (eq >= 0) {
          options.put(a.substring(2, eq), a.substring(eq + 1));
        } else {
          String name = a.substring(2);
          boolean takesValue = longWithValue.contains(name) && i + 1 < args.size();
          options.put(name, takesValue ? args.get(++i) : "");
        }
      } else if (a.startsWith("-") && a.length() > 1) {
        for (int c = 1; c < a.length(); c++) {
          String letter = a.substring(c, c + 1);
          if (shortWithValue.contains(letter)) {
            String rest = a.substring(c + 1);
            options.put(letter, !rest.isEmpty() ? rest : i + 1 < args.size() ? args.get(++i) : "");
            break;
          }
          options.put(letter, "");
        }
      } else {
        operands.add(a);
      }
    }
    return new CommandLine(options, operands);
  }

  /** The value of the first of {@code names} that was given, or null. */
  String option(String... names) {
    for (String name : names) {
      if (options.containsKey(name)) {
        return options.get(name);
      }
    }
    return null;
  }

  boolean has(String... names) {
    return option(names) != null;
  }
}
