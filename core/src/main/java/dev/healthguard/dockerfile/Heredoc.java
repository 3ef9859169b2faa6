package dev.healthguard.dockerfile;

/**
 * A here-document attached to a RUN, COPY or ADD instruction ({@code RUN <<EOF}).
 *
 * @param name the delimiter word with its quotes removed ({@code <<'EOF'} → {@code EOF})
 * @param fileDescriptor the number before {@code <<} ({@code 3<<EOF} → 3), or 0
 * @param expand false when any part of the delimiter was quoted, which turns off variable
 *     expansion in the body
 * @param chomp true for {@code <<-}: leading tabs are ignored when matching the delimiter and
 *     stripped from the content by {@link #chompedContent()}
 * @param content the raw body lines, each with its line ending, without the delimiter line
 */
public record Heredoc(String name, int fileDescriptor, boolean expand, boolean chomp, String content) {

  Heredoc withContent(String body) {
    return new Heredoc(name, fileDescriptor, expand, chomp, body);
  }

  /**
   * The content as the instruction sees it: with {@code <<-}, leading tabs are removed from every
   * line (BuildKit parser.go {@code ChompHeredocContent}); otherwise the content unchanged.
   */
  public String chompedContent() {
    return chomp ? content.replaceAll("(?m)^\\t+", "") : content;
  }
}
