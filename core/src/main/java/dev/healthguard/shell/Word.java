package dev.healthguard.shell;

import java.util.List;

/**
 * One shell word.
 *
 * @param raw the word as written in the script, quotes included
 * @param value the word after quote removal; expansions ({@code $X}, {@code ${X}}, {@code $(…)},
 *     backticks, {@code $((…))}) are kept verbatim because their values are only known at run time
 * @param quoted true when any quoting was used ({@code '…'}, {@code "…"}, a backslash); a quoted
 *     word is never a reserved word such as {@code if} or {@code \}}
 * @param dynamic true when the value holds an expansion or substitution
 * @param substitutions the scripts inside {@code $(…)} and backticks, in order, to be analysed too
 * @param offset where the word starts in the script, 0-based
 */
public record Word(
    String raw,
    String value,
    boolean quoted,
    boolean dynamic,
    List<String> substitutions,
    int offset) {

  public Word {
    substitutions = List.copyOf(substitutions);
  }

  /** A word made from a literal value, for argv elements of the CMD form. */
  public static Word literal(String value) {
    return new Word(value, value, false, false, List.of(), 0);
  }

  /** True when this word is the unquoted reserved word or operator-like word {@code text}. */
  public boolean is(String text) {
    return !quoted && !dynamic && value.equals(text);
  }
}
