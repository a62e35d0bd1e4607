package org.fingertip.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.fingertip.platform.web.AppClock;
import org.fingertip.policy.standard.StandardService.StandardRow;

/** What goes in and out of the policy routes. */
public final class PolicyViews {

  private PolicyViews() {}

  /** Times go out with the +08:00 offset of Asia/Shanghai, as the API promises. */
  static OffsetDateTime local(Instant instant) {
    return instant == null ? null : instant.atZone(AppClock.ZONE).toOffsetDateTime();
  }

  /** A policy as an admin writes it (create and full replace). Body is Markdown. */
  public record PolicyInput(
      @NotBlank @Size(max = 200) String title,
      @NotBlank @Size(max = 1000) String summary,
      @NotBlank @Size(max = 100_000) String body,
      @NotBlank @Size(max = 32) String category,
      @NotBlank @Size(max = 100) String issuingBody,
      @Size(max = 64) String documentNumber,
      @NotBlank @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}", message = "行政区划代码应为 6、9 或 12 位数字")
          String regionCode,
      @NotNull LocalDate effectiveFrom,
      LocalDate effectiveTo) {}

  /** Optional note recorded with a publish ("提标：低保标准由 620 元提高至 630 元"). */
  public record PublishRequest(@Size(max = 500) String changeNote) {}

  /** One published version in a policy's history. */
  public record VersionEntry(
      int version, String title, OffsetDateTime publishedAt, String changeNote) {

    static VersionEntry of(PolicyVersion v) {
      return new VersionEntry(v.version, v.title, local(v.publishedAt), v.changeNote);
    }
  }

  /**
   * A search or list hit. {@code highlightedTitle} and {@code snippet} are HTML-escaped text with
   * the matched words in {@code <em>}; {@code score} is the relevance (0 when listing without q).
   */
  public record PolicyHit(
      long id,
      int version,
      String title,
      String summary,
      String category,
      String issuingBody,
      String documentNumber,
      String regionCode,
      String regionName,
      LocalDate effectiveFrom,
      LocalDate effectiveTo,
      OffsetDateTime publishedAt,
      float score,
      String highlightedTitle,
      String snippet) {}

  /** The published text of a policy with the standards it sets and its version history. */
  public record PolicyDetail(
      long id,
      int version,
      String title,
      String summary,
      String body,
      String category,
      String issuingBody,
      String documentNumber,
      String regionCode,
      String regionName,
      LocalDate effectiveFrom,
      LocalDate effectiveTo,
      OffsetDateTime publishedAt,
      String changeNote,
      List<StandardRow> standards,
      List<VersionEntry> versions) {}

  /** The working copy as admins see it. */
  public record AdminPolicy(
      long id,
      PolicyStatus status,
      String title,
      String summary,
      String body,
      String category,
      String issuingBody,
      String documentNumber,
      String regionCode,
      LocalDate effectiveFrom,
      LocalDate effectiveTo,
      int currentVersion,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      List<VersionEntry> versions) {}
}
