package org.fingertip.policy.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns Chinese (and mixed) text into search lexemes: overlapping CJK bigrams plus single CJK
 * characters, and lower-cased runs of Latin letters and digits.
 *
 * <p>Why in Java and not in PostgreSQL: our servers have no Chinese text-search parser (no
 * zhparser, no pg_bigm), the default parser treats a whole run of Han characters as one "word", and
 * pg_trgm cannot narrow a 2-character query ({@code LIKE '%低保%'} makes its index return every row;
 * under the {@code builtin} locale provider or a {@code C} ctype it extracts no CJK trigrams at
 * all). Words people type are mostly two characters ({@code 低保}, {@code 孤儿}), and any Chinese word
 * of n ≥ 2 characters occurs in a text exactly where its n−1 bigrams occur in a row. So we index
 * every bigram as a lexeme of a {@code tsvector} (GIN), and a query becomes the AND of its bigrams:
 * for a 2-character word that is one GIN key whose posting list is exactly the rows containing it.
 * The lexemes are passed to PostgreSQL verbatim, so nothing depends on the server's locale or
 * parser. Abbreviations that are not substrings ({@code 低保} is not inside {@code 最低生活保障}) are
 * handled by the synonym table, not here.
 */
public final class ChineseTokenizer {

  /** Positions PostgreSQL can store in a tsvector. */
  static final int MAX_POSITION = 16383;

  /** Positions PostgreSQL keeps per lexeme. */
  static final int MAX_POSITIONS_PER_LEXEME = 256;

  private ChineseTokenizer() {}

  /** A lexeme at a word position. */
  public record Token(String lexeme, int position) {}

  /** One field of a document and the tsvector weight (A highest … D lowest) of its lexemes. */
  public record Field(String text, char weight) {}

  public static boolean isHan(int codePoint) {
    return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
  }

  /**
   * Lexemes of a text with positions starting at {@code start}. Every Han character yields its
   * unigram and, if the next character is Han too, the bigram starting there, both at the
   * character's position; a Latin/digit run yields one lower-cased token. Separators advance the
   * position so runs on either side never look adjacent.
   */
  public static List<Token> tokens(String text, int start) {
    List<Token> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int[] cps = text.codePoints().toArray();
    int position = start;
    int i = 0;
    while (i < cps.length) {
      int cp = cps[i];
      if (isHan(cp)) {
        out.add(new Token(new String(Character.toChars(cp)), position));
        if (i + 1 < cps.length && isHan(cps[i + 1])) {
          out.add(new Token(new String(cps, i, 2), position));
        }
        position++;
        i++;
      } else if (Character.isLetterOrDigit(cp)) {
        int j = i;
        while (j < cps.length && Character.isLetterOrDigit(cps[j]) && !isHan(cps[j])) {
          j++;
        }
        out.add(new Token(new String(cps, i, j - i).toLowerCase(Locale.ROOT), position));
        position++;
        i = j;
      } else {
        position++;
        i++;
      }
    }
    return out;
  }

  /**
   * The lexemes a query word must all match: its bigrams (a lone Han character stands for itself)
   * and its Latin/digit tokens. Empty when the word has nothing indexable (punctuation only).
   */
  public static Set<String> queryLexemes(String word) {
    Set<String> out = new LinkedHashSet<>();
    int[] cps = word.codePoints().toArray();
    int i = 0;
    while (i < cps.length) {
      if (isHan(cps[i])) {
        int j = i;
        while (j < cps.length && isHan(cps[j])) {
          j++;
        }
        if (j - i == 1) {
          out.add(new String(cps, i, 1));
        } else {
          for (int k = i; k + 1 < j; k++) {
            out.add(new String(cps, k, 2));
          }
        }
        i = j;
      } else if (Character.isLetterOrDigit(cps[i])) {
        int j = i;
        while (j < cps.length && Character.isLetterOrDigit(cps[j]) && !isHan(cps[j])) {
          j++;
        }
        out.add(new String(cps, i, j - i).toLowerCase(Locale.ROOT));
        i = j;
      } else {
        i++;
      }
    }
    return out;
  }

  /**
   * The tsvector input literal ({@code '低保':1A,40C '保障':2A}) of weighted fields. Fields are laid
   * out one after another with a gap; positions past PostgreSQL's limit are clamped and each lexeme
   * keeps at most its first 256 positions, as PostgreSQL would.
   */
  public static String tsvectorLiteral(List<Field> fields) {
    Map<String, List<String>> positions = new LinkedHashMap<>();
    int start = 1;
    for (Field field : fields) {
      List<Token> tokens = tokens(field.text(), start);
      int last = start;
      for (Token token : tokens) {
        int pos = Math.min(token.position(), MAX_POSITION);
        List<String> list = positions.computeIfAbsent(token.lexeme(), k -> new ArrayList<>());
        if (list.size() < MAX_POSITIONS_PER_LEXEME) {
          list.add(pos + String.valueOf(field.weight()));
        }
        last = Math.max(last, token.position());
      }
      start = last + 2;
    }
    StringBuilder sb = new StringBuilder();
    positions.forEach(
        (lexeme, list) -> {
          if (!sb.isEmpty()) {
            sb.append(' ');
          }
          sb.append(quote(lexeme)).append(':').append(String.join(",", dedupe(list)));
        });
    return sb.toString();
  }

  private static List<String> dedupe(List<String> list) {
    // a clamped position may repeat; PostgreSQL keeps one weight per position
    Map<String, String> byPosition = new LinkedHashMap<>();
    for (String p : list) {
      byPosition.putIfAbsent(p.substring(0, p.length() - 1), p);
    }
    return new ArrayList<>(byPosition.values());
  }

  /** A lexeme quoted for tsvector/tsquery input. */
  public static String quote(String lexeme) {
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
