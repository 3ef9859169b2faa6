package dev.healthguard.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a getopt-style argument list into options and operands: combined short flags
 * ({@code -fsS}), short options with attached or separate values ({@code -o/dev/null},
 * {@code -o /dev/null}, {@code -fsSo /dev/null}), long options with {@code =} or a separate value
 * ({@code --tries=1}, {@code --max-time 2}) and {@code --} (glibc getopt_long conventions, which
 * curl, wget, nc, timeout and env follow).
 *
 * <p>Unknown options are taken as flags. That can only misread a value as an operand when a tool
 * has an option missing from its table, and the tables list what health checks use.
 */
public final class OptionScanner {

  /** One option; {@code name} is {@code "f"} for {@code -f}, {@code "fail"} for {@code --fail}. */
  public record Option(String name, String value) {}

  /** Options in order and the operands left. */
  public record Scan(List<Option> options, List<String> operands) {

    public boolean has(String... names) {
      for (Option o : options) {
        for (String n : names) {
          if (o.name().equals(n)) {
            return true;
          }
        }
      }
      return false;
    }

    /** The value of the last of {@code names} given, or null. */
    public String value(String... names) {
      String found = null;
      for (Option o : options) {
        for (String n : names) {
          if (o.name().equals(n)) {
            found = o.value();
          }
        }
      }
      return found;
    }
  }

  private OptionScanner() {}

  /**
   * @param shortWithValue the short option letters that take a value
   * @param longWithValue the long option names that take a value
   * @param stopAtFirstOperand true for wrappers ({@code timeout}, {@code env}) whose first operand
   *     starts the command they run; false for tools that take options anywhere
   */
  public static Scan scan(
      List<String> args, String shortWithValue, Set<String> longWithValue, boolean stopAtFirstOperand) {
    List<Option> options = new ArrayList<>();
    List<String> operands = new ArrayList<>();
    int i = 0;
    while (i < args.size()) {
      String a = args.get(i);
      if (a.equals("--")) {
        operands.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (a.startsWith("--")) {
        String body = a.substring(2);
        int eq = body.indexOf('=');
        if (eq >= 0) {
          options.add(new Option(body.substring(0, eq), body.substring(eq + 1)));
        } else if (longWithValue.contains(body)) {
          options.add(new Option(body, i + 1 < args.size() ? args.get(++i) : null));
        } else {
          options.add(new Option(body, null));
        }
        i++;
        continue;
      }
      if (a.startsWith("-") && a.length() > 1) {
        for (int j = 1; j < a.length(); j++) {
          char c = a.charAt(j);
          if (shortWithValue.indexOf(c) >= 0) {
            String rest = a.substring(j + 1);
            String value = !rest.isEmpty() ? rest : (i + 1 < args.size() ? args.get(++i) : null);
            options.add(new Option(String.valueOf(c), value));
            break;
          }
          options.add(new Option(String.valueOf(c), null));
        }
        i++;
        continue;
      }
      if (stopAtFirstOperand) {
        operands.addAll(args.subList(i, args.size()));
        break;
      }
      operands.add(a);
      i++;
    }
    return new Scan(List.copyOf(options), List.copyOf(operands));
  }
}
