package org.fingertip.policy.search;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Marks query terms with {@code <em>} in text that is otherwise HTML-escaped, and cuts a snippet
 * around the first hit. Done in Java because {@code ts_headline} needs a text-search parser that
 * understands Chinese, which PostgreSQL does not have here.
 */
public final class Highlighter {

  static final int SNIPPET_CHARS = 80;

  private Highlighter() {}

  /** The whole text, escaped, with every occurrence of a term wrapped in {@code <em>}. */
  public static String highlight(String text, List<String> terms) {
    if (text == null) {
      return null;
    }
    List<String> sorted =
        terms.stream()
            .filter(t -> !t.isBlank())
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    StringBuilder sb = new StringBuilder();
    int i = 0;
    outer:
    while (i < text.length()) {
      for (String term : sorted) {
        if (text.regionMatches(true, i, term, 0, term.length())) {
          sb.append("<em>").append(escape(text.substring(i, i + term.length()))).append("</em>");
          i += term.length();
          continue outer;
        }
      }
      sb.append(escape(String.valueOf(text.charAt(i))));
      i++;
    }
    return sb.toString();
  }

  /**
   * About {@value #SNIPPET_CHARS} characters of plain text around the first hit in the first text
   * that has one, highlighted; the start of the first non-empty text when none has a hit.
   *
   * <p>Only the paragraph (line) holding the hit is reduced to plain text: bodies run to 100,000
   * characters and a search page has 20 of them, so the Markdown clean-up of whole bodies was most
   * of the app's CPU per search.
   */
  public static String snippet(List<String> texts, List<String> terms) {
    for (String raw : texts) {
      if (raw == null) {
        continue;
      }
      int at = firstHit(raw, terms);
      if (at < 0) {
        continue;
      }
      int lineStart = raw.lastIndexOf('\n', at) + 1;
      int lineEnd = raw.indexOf('\n', at);
      String text = plain(raw.substring(lineStart, lineEnd < 0 ? raw.length() : lineEnd));
      int hit = firstHit(text, terms);
      if (hit >= 0) {
        int from = Math.max(0, hit - SNIPPET_CHARS / 4);
        int to = Math.min(text.length(), from + SNIPPET_CHARS);
        boolean before = from > 0 || lineStart > 0;
        boolean after = to < text.length() || (lineEnd >= 0 && lineEnd < raw.length() - 1);
        return (before ? "…" : "")
            + highlight(text.substring(from, to), terms)
            + (after ? "…" : "");
      }
    }
    for (String raw : texts) {
      String head = raw == null ? "" : raw.substring(0, Math.min(raw.length(), 4 * SNIPPET_CHARS));
      String text = plain(head);
      if (!text.isEmpty()) {
        int to = Math.min(text.length(), SNIPPET_CHARS);
        return escape(text.substring(0, to))
            + (to < text.length() || head.length() < raw.length() ? "…" : "");
      }
    }
    return "";
  }

  private static int firstHit(String text, List<String> terms) {
    int best = -1;
    for (String term : terms) {
      if (term.isBlank()) {
        continue;
      }
      int at = indexOfIgnoreCase(text, term);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
      }
    }
    return best;
  }

  /** Case-insensitive for Latin letters without lower-casing the (long) text first. */
  static int indexOfIgnoreCase(String text, String term) {
    if (term.toLowerCase(Locale.ROOT).equals(term.toUpperCase(Locale.ROOT))) {
      return text.indexOf(term);
    }
    for (int i = 0; i + term.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, term, 0, term.length())) {
        return i;
      }
    }
    return -1;
  }

  /** Markdown reduced to running text for snippets: markup characters and line breaks go. */
  static String plain(String markdown) {
    if (markdown == null) {
      return "";
    }
    return markdown
        .replaceAll("(?m)^\\s{0,3}(#{1,6}|>|[-*+]|\\d+\\.)\\s+", "")
        .replaceAll("[*_`]", "")
        .replaceAll("\\s*\\n+\\s*", " ")
        .strip();
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
