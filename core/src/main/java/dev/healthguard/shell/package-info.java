/**
 * The one POSIX shell reader, for health-check scripts and Dockerfile {@code RUN} lines alike.
 *
 * <p>{@code ShellLexer} turns a script into tokens (XCU 2.3), {@link dev.healthguard.shell.ShellParser}
 * builds a small AST ({@link dev.healthguard.shell.ShellNode}) by recursive descent (XCU 2.10), and
 * {@link dev.healthguard.shell.SimpleCommands} flattens it for readers that need only the simple
 * commands. Knowledge of words shared by both readers lives here once: shell names and their
 * {@code -c} scripts ({@link dev.healthguard.shell.Shells}), wrappers that run another program
 * ({@link dev.healthguard.shell.Wrappers}), assignments and basenames
 * ({@link dev.healthguard.shell.Words}), getopt-style options
 * ({@link dev.healthguard.shell.OptionScanner}).
 */
package dev.healthguard.shell;
