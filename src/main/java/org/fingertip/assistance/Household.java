package org.fingertip.assistance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fingertip.identity.IdentityService;
import org.fingertip.identity.Masks;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;

/**
 * Household members as declared on an application. The full list (names, ID numbers, incomes,
 * disability) is sensitive personal information: it is stored only encrypted, and shown masked.
 */
public final class Household {

  private Household() {}

  /** How a member is related to the subject of the application. */
  public enum Relation {
    SELF("本人"),
    SPOUSE("配偶"),
    CHILD("子女"),
    PARENT("父母"),
    SIBLING("兄弟姐妹"),
    GRANDPARENT("祖父母/外祖父母"),
    GRANDCHILD("孙子女/外孙子女"),
    OTHER("其他共同生活人员");

    public final String label;

    Relation(String label) {
      this.label = label;
    }
  }

  /** Disability as on the 残疾人证 (grade 1 most severe). */
  public enum Disability {
    NONE,
    GRADE_1,
    GRADE_2,
    GRADE_3,
    GRADE_4
  }

  /** Ability to work, as assessed for DIBAO/TEKUN. */
  public enum WorkAbility {
    FULL,
    PARTIAL,
    NONE
  }

  /** One member, in full (what is encrypted). */
  public record Member(
      Relation relation,
      String realName,
      String idNumber,
      Long monthlyIncomeFen,
      Disability disability,
      WorkAbility workAbility) {}

  /** One member as the household sees it on the phone: name and ID number masked. */
  public record MaskedMember(
      Relation relation,
      String relationLabel,
      String realName,
      String idNumber,
      Long monthlyIncomeFen,
      Disability disability,
      WorkAbility workAbility) {}

  public static final int MAX_MEMBERS = 20;

  /** Validates every member; errors name {@code household[i].field}. */
  public static List<Member> validate(List<Member> members, LocalDate today) {
    List<Problem.FieldError> errors = new ArrayList<>();
    List<Member> clean = new ArrayList<>();
    if (members.size() > MAX_MEMBERS) {
      throw ProblemException.invalidField("household", "TOO_MANY", "家庭成员不超过 " + MAX_MEMBERS + " 人");
    }
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      String path = "household[" + i + "]";
      if (m == null) {
        errors.add(new Problem.FieldError(path, "REQUIRED", "请填写家庭成员信息"));
        continue;
      }
      int before = errors.size();
      if (m.relation() == null) {
        errors.add(new Problem.FieldError(path + ".relation", "REQUIRED", "请选择与申请人的关系"));
      }
      String name = null;
      try {
        name = IdentityService.validRealName(m.realName());
      } catch (ProblemException e) {
        errors.add(new Problem.FieldError(path + ".realName", "REAL_NAME_INVALID", "请填写身份证上的真实姓名"));
      }
      String id = null;
      try {
        id = IdentityService.parseIdNumber(m.idNumber(), today).value();
      } catch (ProblemException e) {
        Problem.FieldError cause = e.errors().isEmpty() ? null : e.errors().get(0);
        errors.add(
            new Problem.FieldError(
                path + ".idNumber",
                cause == null ? "ID_NUMBER_INVALID" : cause.code(),
                cause == null ? e.detail() : cause.message()));
      }
      if (m.monthlyIncomeFen() == null || m.monthlyIncomeFen() < 0) {
        errors.add(
            new Problem.FieldError(path + ".monthlyIncomeFen", "REQUIRED", "请填写月收入（分），没有收入填 0"));
      }
      if (errors.size() == before) {
        clean.add(
            new Member(
                m.relation(),
                name,
                id,
                m.monthlyIncomeFen(),
                m.disability() == null ? Disability.NONE : m.disability(),
                m.workAbility() == null ? WorkAbility.FULL : m.workAbility()));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.validation(errors);
    }
    return clean;
  }

  public static List<MaskedMember> masked(List<Member> members) {
    return members.stream()
        .map(
            m ->
                new MaskedMember(
                    m.relation(),
                    m.relation().label,
                    Masks.name(m.realName()),
                    Masks.idNumber(m.idNumber()),
                    m.monthlyIncomeFen(),
                    m.disability(),
                    m.workAbility()))
        .toList();
  }

  /** Names only masked, for plaintext columns: relation and masked identity, nothing else. */
  public static List<MaskedMember> identityOnly(List<Member> members) {
    return members.stream()
        .map(
            m ->
                new MaskedMember(
                    m.relation(),
                    m.relation().label,
                    Masks.name(m.realName()),
                    Masks.idNumber(m.idNumber()),
                    null,
                    null,
                    null))
        .toList();
  }
}
