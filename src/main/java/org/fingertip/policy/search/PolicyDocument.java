package org.fingertip.policy.search;

import java.util.List;

/**
 * What of a policy version is searchable and how much each part weighs: title A, summary and the
 * document data (number, issuing body, category) B, body C, so a title hit outranks a body hit.
 */
public final class PolicyDocument {

  private PolicyDocument() {}

  /** The tsvector input literal of a version's searchable text. */
  public static String tsvector(
      String title,
      String summary,
      String documentNumber,
      String issuingBody,
      String category,
      String body) {
    String meta =
        String.join(
            " ",
            documentNumber == null ? "" : documentNumber,
            issuingBody == null ? "" : issuingBody,
            category == null ? "" : category);
    return ChineseTokenizer.tsvectorLiteral(
        List.of(
            new ChineseTokenizer.Field(title, 'A'),
            new ChineseTokenizer.Field(summary, 'B'),
            new ChineseTokenizer.Field(meta, 'B'),
            new ChineseTokenizer.Field(body, 'C')));
  }
}
