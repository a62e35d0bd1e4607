package org.fingertip.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.policy.search.ChineseTokenizer;
import org.fingertip.policy.search.Highlighter;
import org.fingertip.policy.search.SearchQuery;
import org.junit.jupiter.api.Test;

/** The pure parts of the Chinese search: lexemes, queries with synonyms, highlighting. */
class ChineseSearchUnitTest {

  private static final Map<String, List<String>> SYNONYMS =
      Map.of(
          "低保", List.of("最低生活保障"),
          "五保", List.of("特困"),
          "特困", List.of("特困人员救助供养"),
          "两项补贴", List.of("困难残疾人生活补贴", "重度残疾人护理补贴"));

  @Test
  void shouldIndexBigramsUnigramsAndLatinTokens() {
    var lexemes =
        ChineseTokenizer.tokens("申请低保 App2025", 1).stream()
            .map(ChineseTokenizer.Token::lexeme)
            .toList();
    assertThat(lexemes).containsExactly("申", "申请", "请", "请低", "低", "低保", "保", "app2025");
  }

  @Test
  void shouldQueryTheBigramsOfAWord() {
    assertThat(ChineseTokenizer.queryLexemes("最低生活保障"))
        .containsExactly("最低", "低生", "生活", "活保", "保障");
    assertThat(ChineseTokenizer.queryLexemes("保")).containsExactly("保");
    assertThat(ChineseTokenizer.queryLexemes("鸠政办〔2020〕54号"))
        .containsExactly("鸠政", "政办", "2020", "54", "号");
  }

  @Test
  void shouldWeightFieldsInTheTsvectorLiteral() {
    String literal =
        ChineseTokenizer.tsvectorLiteral(
            List.of(new ChineseTokenizer.Field("低保", 'A'), new ChineseTokenizer.Field("低保", 'C')));
    assertThat(literal).isEqualTo("'低':1A,4C '低保':1A,4C '保':2A,5C");
  }

  @Test
  void shouldExpandAbbreviationsIntoAlternatives() {
    SearchQuery q = SearchQuery.parse("宿迁 低保", SYNONYMS);
    assertThat(q.tsquery()).isEqualTo("(('宿迁')) & (('低保') | ('最低' & '低生' & '生活' & '活保' & '保障'))");
    assertThat(q.highlightTerms()).containsExactly("宿迁", "低保", "最低生活保障");
    assertThat(SearchQuery.parse("五保", SYNONYMS).highlightTerms()).containsExactly("五保", "特困");
    assertThat(SearchQuery.parse("两项补贴", SYNONYMS).highlightTerms())
        .containsExactly("两项补贴", "困难残疾人生活补贴", "重度残疾人护理补贴");
  }

  @Test
  void shouldRefuseQueriesThatCannotBeSearched() {
    assertThatThrownBy(() -> SearchQuery.parse(" ", SYNONYMS))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.errors().get(0).code()).isEqualTo("QUERY_BLANK"));
    assertThatThrownBy(() -> SearchQuery.parse("字".repeat(51), SYNONYMS))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.errors().get(0).code()).isEqualTo("QUERY_TOO_LONG"));
    assertThat(SearchQuery.parse("字".repeat(50), SYNONYMS).tsquery()).contains("'字字'");
  }

  @Test
  void shouldHighlightInsideEscapedText() {
    assertThat(Highlighter.highlight("<b>低保</b>标准", List.of("低保")))
        .isEqualTo("&lt;b&gt;<em>低保</em>&lt;/b&gt;标准");
    assertThat(Highlighter.highlight("最低生活保障标准", List.of("低保", "最低生活保障")))
        .isEqualTo("<em>最低生活保障</em>标准");
    String body = "## 一、总则\n" + "为规范工作，".repeat(20) + "提高低保标准。";
    assertThat(Highlighter.snippet(List.of("摘要", body), List.of("低保")))
        .startsWith("…")
        .contains("<em>低保</em>")
        .doesNotContain("##");
  }
}
