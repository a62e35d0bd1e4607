package org.fingertip.assistance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fingertip.platform.problem.Problem;
import org.junit.jupiter.api.Test;

/** Server-side form validation against an item's schema. */
class FormSchemaTest {

  private static final FormSchema SCHEMA =
      new FormSchema(
          List.of(
              new FormSchema.Field(
                  "name",
                  "姓名",
                  FormSchema.FieldType.STRING,
                  true,
                  2,
                  5,
                  null,
                  null,
                  null,
                  null,
                  null),
              new FormSchema.Field(
                  "size",
                  "人口",
                  FormSchema.FieldType.INTEGER,
                  true,
                  null,
                  null,
                  1L,
                  20L,
                  null,
                  null,
                  null),
              new FormSchema.Field(
                  "phone",
                  "电话",
                  FormSchema.FieldType.STRING,
                  false,
                  null,
                  null,
                  null,
                  null,
                  "^1\\d{10}$",
                  "请填写手机号",
                  null),
              new FormSchema.Field(
                  "when",
                  "日期",
                  FormSchema.FieldType.DATE,
                  false,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null),
              new FormSchema.Field(
                  "ok",
                  "是否",
                  FormSchema.FieldType.BOOLEAN,
                  false,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null),
              new FormSchema.Field(
                  "kind",
                  "类型",
                  FormSchema.FieldType.ENUM,
                  false,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  List.of(new FormSchema.Option("A", "甲")))));

  @Test
  void shouldAcceptAndNormaliseValidAnswers() {
    List<Problem.FieldError> errors = new ArrayList<>();
    Map<String, Object> clean =
        SCHEMA.validate(
            Map.of(
                "name",
                " 张三 ",
                "size",
                3,
                "phone",
                "13912345678",
                "when",
                "2026-02-12",
                "ok",
                true,
                "kind",
                "A"),
            true,
            errors);
    assertThat(errors).isEmpty();
    assertThat(clean).containsEntry("name", "张三").containsEntry("size", 3L);
  }

  @Test
  void shouldReportEachBadFieldWithItsCode() {
    List<Problem.FieldError> errors = new ArrayList<>();
    Map<String, Object> answers = new HashMap<>();
    answers.put("name", "张");
    answers.put("size", 21);
    answers.put("phone", "123");
    answers.put("when", "2026-02-30");
    answers.put("ok", "yes");
    answers.put("kind", "B");
    answers.put("extra", 1);
    SCHEMA.validate(answers, true, errors);
    assertThat(errors)
        .extracting(Problem.FieldError::field, Problem.FieldError::code)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("form.extra", "UNKNOWN_FIELD"),
            org.assertj.core.groups.Tuple.tuple("form.name", "TOO_SHORT"),
            org.assertj.core.groups.Tuple.tuple("form.size", "MAX"),
            org.assertj.core.groups.Tuple.tuple("form.phone", "PATTERN"),
            org.assertj.core.groups.Tuple.tuple("form.when", "TYPE_MISMATCH"),
            org.assertj.core.groups.Tuple.tuple("form.ok", "TYPE_MISMATCH"),
            org.assertj.core.groups.Tuple.tuple("form.kind", "NOT_AN_OPTION"));
  }

  @Test
  void shouldRequireFieldsOnlyWhenComplete() {
    List<Problem.FieldError> draft = new ArrayList<>();
    SCHEMA.validate(Map.of(), false, draft);
    assertThat(draft).isEmpty();
    List<Problem.FieldError> submitted = new ArrayList<>();
    SCHEMA.validate(Map.of("name", "  "), true, submitted);
    assertThat(submitted)
        .extracting(Problem.FieldError::field)
        .containsExactly("form.name", "form.size");
  }
}
