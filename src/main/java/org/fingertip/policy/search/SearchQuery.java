package org.fingertip.policy.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fingertip.platform.problem.ProblemException;

/**
 * A user's query as a {@code tsquery} over the lexemes of {@link ChineseTokenizer}: words separated
 * by spaces must all match; each word matches itself or any of its synonym expansions (an
 * abbreviation inside a longer word is replaced in place, so {@code 宿迁低保} also finds {@code
 * 宿迁…最低生活保障}); a word or variant matches when all of its bigrams do.
 *
 * @param tsquery input text for PostgreSQL's {@code ::tsquery} cast (lexemes quoted verbatim)
 * @param highlightTerms the words and variants to mark in titles and snippets
 */
public record SearchQuery(String tsquery, List<String> highlightTerms) {

  public static final int MAX_LENGTH = 50;
  private static final int MAX_VARIANTS_PER_WORD = 8;

  /** Parses {@code q}; a blank, over-long or unindexable query is a 400 problem on {@code q}. */
  public static SearchQuery parse(String q, Map<String, List<String>> synonyms) {
    if (q == null || q.isBlank()) {
      throw ProblemException.invalidField("q", "QUERY_BLANK", "请输入要搜索的关键词");
    }
    String trimmed = q.strip();
    if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
      throw ProblemException.invalidField(
          "q", "QUERY_TOO_LONG", "搜索词过长，请精简到 " + MAX_LENGTH + " 个字以内");
    }
    List<String> groups = new ArrayList<>();
    Set<String> highlight = new LinkedHashSet<>();
    for (String word : trimmed.split("[\\s\\u3000]+")) {
      if (ChineseTokenizer.queryLexemes(word).isEmpty()) {
        continue;
      }
      List<String> alternatives = new ArrayList<>();
      for (String variant : variants(word, synonyms)) {
        Set<String> lexemes = ChineseTokenizer.queryLexemes(variant);
        if (lexemes.isEmpty()) {
          continue;
        }
        alternatives.add(
            "("
                + lexemes.stream().map(ChineseTokenizer::quote).collect(Collectors.joining(" & "))
                + ")");
        highlight.add(variant);
      }
      groups.add("(" + String.join(" | ", alternatives) + ")");
    }
    if (groups.isEmpty()) {
      throw ProblemException.invalidField("q", "QUERY_NO_TERMS", "搜索词中没有可检索的文字，请输入中文、字母或数字");
    }
    return new SearchQuery(String.join(" & ", groups), List.copyOf(highlight));
  }

  /**
   * The word and what its abbreviations expand to, following chains ({@code 五保} → {@code 特困} →
   * {@code 特困人员救助供养}) but bounded so a cyclic synonym list cannot blow up a query.
   */
  static List<String> variants(String word, Map<String, List<String>> synonyms) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>();
    seen.add(word);
    queue.add(word);
    while (!queue.isEmpty() && seen.size() < MAX_VARIANTS_PER_WORD) {
      String current = queue.poll();
      for (var entry : synonyms.entrySet()) {
        if (!current.contains(entry.getKey())) {
          continue;
        }
        for (String expansion : entry.getValue()) {
          // replacing a term by a longer one that contains it (特困 → 特困人员救助供养) changes
          // nothing the bigrams do not already find; skip it to keep queries small
          if (expansion.contains(entry.getKey())) {
            continue;
          }
          String variant = current.replace(entry.getKey(), expansion);
          if (seen.size() < MAX_VARIANTS_PER_WORD && seen.add(variant)) {
            queue.add(variant);
          }
        }
      }
    }
    return new ArrayList<>(seen);
  }
}
