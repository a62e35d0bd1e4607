package org.fingertip.identity;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fingertip.platform.crypto.PiiCipher;
import org.fingertip.platform.problem.Problem;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;

/** Real-name binding and a citizen's own profile. */
@ApplicationScoped
public class IdentityService {

  /** Chinese names, with the middle dot of ethnic-minority names, or Latin names. */
  private static final Pattern REAL_NAME =
      Pattern.compile("[\\p{IsHan}·•][\\p{IsHan}·•]{1,29}|[A-Za-z][A-Za-z .·'-]{1,59}");

  private final CitizenRepository citizens;
  private final PiiCipher cipher;
  private final AppClock clock;

  public IdentityService(CitizenRepository citizens, PiiCipher cipher, AppClock clock) {
    this.citizens = citizens;
    this.cipher = cipher;
    this.clock = clock;
  }

  @WithSession
  public Uni<Citizen> require(UUID citizenId) {
    return citizens
        .findById(citizenId)
        .onItem()
        .ifNull()
        .failWith(() -> new ProblemException(401, "UNAUTHENTICATED", "账号不存在，请重新登录"));
  }

  /** Validates and parses; pure, so the rules are unit-tested without a database. */
  public static IdNumber parseIdNumber(String raw, java.time.LocalDate today) {
    try {
      return IdNumber.parse(raw, today);
    } catch (IdNumber.InvalidIdNumberException e) {
      String message =
          switch (e.defect()) {
            case FORMAT -> "身份证号应为 18 位，最后一位可以是数字或 X";
            case REGION -> "身份证号的地区码不正确";
            case BIRTH_DATE -> "身份证号中的出生日期不是真实的日期";
            case FUTURE_BIRTH_DATE -> "身份证号中的出生日期晚于今天";
            case CHECKSUM -> "身份证号校验位不正确，请核对是否输错";
          };
      throw new ProblemException(
          400,
          "ID_NUMBER_INVALID",
          message,
          List.of(new Problem.FieldError("idNumber", e.defect().name(), message)),
          java.util.Map.of(),
          java.util.Map.of());
    }
  }

  public static String validRealName(String raw) {
    String name = raw == null ? "" : raw.trim();
    if (!REAL_NAME.matcher(name).matches()) {
      throw ProblemException.invalidField("realName", "REAL_NAME_INVALID", "请填写身份证上的真实姓名");
    }
    return name;
  }

  @WithTransaction
  public Uni<Citizen> bind(UUID citizenId, String realName, String idNumberRaw, String phoneRaw) {
    String name = validRealName(realName);
    IdNumber id = parseIdNumber(idNumberRaw, clock.today());
    String phone = Phones.normalise(phoneRaw);
    if (phone == null) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("phone", "PHONE_INVALID", "请填写 11 位中国大陆手机号码"));
    }
    String hash = cipher.blindIndex(id.value());
    return citizens
        .findById(citizenId)
        .onItem()
        .ifNull()
        .failWith(() -> new ProblemException(401, "UNAUTHENTICATED", "账号不存在，请重新登录"))
        .chain(
            me -> {
              if (me.verified() && !hash.equals(me.idNumberHash)) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.conflict(
                            "IDENTITY_ALREADY_VERIFIED", "您已完成实名认证；如需更换身份证号，请携带证件到民政窗口办理"));
              }
              return citizens
                  .findByIdNumberHash(hash)
                  .chain(
                      other -> {
                        if (other != null && !other.id.equals(me.id)) {
                          return Uni.createFrom().failure(alreadyBound());
                        }
                        me.realNameEnc = cipher.encrypt(name);
                        me.realNameMasked = Masks.name(name);
                        me.idNumberEnc = cipher.encrypt(id.value());
                        me.idNumberHash = hash;
                        me.idNumberMasked = id.masked();
                        me.phoneEnc = cipher.encrypt(phone);
                        me.phoneMasked = Masks.phone(phone);
                        me.birthDate = id.birthDate();
                        me.sex = id.sex();
                        if (me.verifiedAt == null) {
                          me.verifiedAt = clock.instant();
                        }
                        // flush here so a concurrent binding of the same number fails as a problem
                        return Panache.getSession()
                            .chain(s -> s.flush())
                            .onFailure(IdentityService::isUniqueViolation)
                            .transform(e -> alreadyBound())
                            .replaceWith(me);
                      });
            });
  }

  private static ProblemException alreadyBound() {
    return ProblemException.conflict("ID_NUMBER_ALREADY_BOUND", "该身份证号已绑定其他账号；如非本人操作，请联系民政服务热线处理");
  }

  static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("23505")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
