package org.fingertip.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** GB 11643 rules, pure. */
class IdNumberTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

  private static String valid(String first17) {
    return first17 + IdNumber.checkCharacter(first17);
  }

  @Test
  void shouldParseValidNumberAndDeriveBirthAndSex() {
    IdNumber id = IdNumber.parse(valid("32130219900307001"), TODAY);
    assertThat(id.birthDate()).isEqualTo(LocalDate.of(1990, 3, 7));
    assertThat(id.sex()).isEqualTo(IdNumber.Sex.MALE);
    assertThat(IdNumber.parse(valid("32130219900307002"), TODAY).sex())
        .isEqualTo(IdNumber.Sex.FEMALE);
    assertThat(id.masked()).matches("3213\\*{10}\\d{3}[\\dX]");
  }

  @Test
  void shouldComputeTheStandardCheckCharacter() {
    // the example of GB 11643-1999 appendix: 11010519491231002X
    assertThat(IdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
    assertThat(IdNumber.parse("11010519491231002X", TODAY).value()).isEqualTo("11010519491231002X");
  }

  @Test
  void shouldAcceptLowercaseXAndNormaliseIt() {
    assertThat(IdNumber.parse("11010519491231002x", TODAY).value()).isEqualTo("11010519491231002X");
  }

  @Test
  void shouldRefuseEachDefectWithItsReason() {
    assertDefect("1101051949123100", IdNumber.Defect.FORMAT);
    assertDefect("11010519491231002Y", IdNumber.Defect.FORMAT);
    assertDefect(valid("00010519491231002"), IdNumber.Defect.REGION);
    assertDefect("110105194912310021", IdNumber.Defect.CHECKSUM);
    assertDefect(valid("32130219900231001"), IdNumber.Defect.BIRTH_DATE); // 31 Feb
    assertDefect(valid("32130220301231001"), IdNumber.Defect.FUTURE_BIRTH_DATE);
  }

  @Test
  void shouldComputeAgeOnADate() {
    IdNumber id = IdNumber.parse(valid("32130219660522001"), TODAY);
    assertThat(id.ageOn(LocalDate.of(2026, 5, 21))).isEqualTo(59);
    assertThat(id.ageOn(LocalDate.of(2026, 5, 22))).isEqualTo(60);
  }

  @Test
  void shouldMaskNamesAndPhones() {
    assertThat(Masks.name("张晓华")).isEqualTo("张*华");
    assertThat(Masks.name("李明")).isEqualTo("李*");
    assertThat(Masks.name("欧阳娜娜")).isEqualTo("欧**娜");
    assertThat(Masks.phone("13812345678")).isEqualTo("138****5678");
    assertThat(Phones.normalise("+86 138-1234-5678")).isEqualTo("13812345678");
    assertThat(Phones.normalise("12812345678")).isNull();
  }

  private static void assertDefect(String raw, IdNumber.Defect defect) {
    assertThatThrownBy(() -> IdNumber.parse(raw, TODAY))
        .isInstanceOfSatisfying(
            IdNumber.InvalidIdNumberException.class, e -> assertThat(e.defect()).isEqualTo(defect));
  }
}
