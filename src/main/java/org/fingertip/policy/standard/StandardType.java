package org.fingertip.policy.standard;

/**
 * What a standard measures. Money types are fen per person for the period in their name; factor
 * types are multipliers of another standard (TEKUN = 1.3 × DIBAO, temporary-assistance cap ≥ 3 ×
 * monthly urban DIBAO).
 */
public enum StandardType {
  DIBAO_MONTHLY(Unit.FEN_PER_MONTH, "最低生活保障标准"),
  DIBAO_RURAL_YEARLY(Unit.FEN_PER_YEAR, "农村最低生活保障标准"),
  TEKUN_MONTHLY(Unit.FEN_PER_MONTH, "特困人员基本生活标准"),
  TEKUN_YEARLY(Unit.FEN_PER_YEAR, "特困人员供养标准"),
  TEKUN_RURAL_YEARLY(Unit.FEN_PER_YEAR, "农村特困人员基本生活标准"),
  TEKUN_DIBAO_MULTIPLIER(Unit.FACTOR, "特困人员基本生活标准相当于低保标准的倍数"),
  ORPHAN_INSTITUTION_MONTHLY(Unit.FEN_PER_MONTH, "机构养育孤儿基本生活保障标准"),
  ORPHAN_SCATTERED_MONTHLY(Unit.FEN_PER_MONTH, "社会散居孤儿基本生活保障标准"),
  NURSING_SEMI_MONTHLY(Unit.FEN_PER_MONTH, "特困人员护理补贴（半自理）"),
  NURSING_FULL_MONTHLY(Unit.FEN_PER_MONTH, "特困人员护理补贴（全护理）"),
  LONGEVITY_MONTHLY(Unit.FEN_PER_MONTH, "高龄津贴标准"),
  TEMP_ASSISTANCE_CAP_MULTIPLIER(Unit.FACTOR, "临时救助标准相当于城市月低保标准的倍数");

  /** How the value of a standard reads. */
  public enum Unit {
    FEN_PER_MONTH,
    FEN_PER_YEAR,
    FACTOR
  }

  private final Unit unit;
  private final String label;

  StandardType(Unit unit, String label) {
    this.unit = unit;
    this.label = label;
  }

  public Unit unit() {
    return unit;
  }

  public String label() {
    return label;
  }

  public boolean isFactor() {
    return unit == Unit.FACTOR;
  }

  /** The type for a name, or null when there is none (for parsers that try). */
  public static StandardType find(String name) {
    for (StandardType t : values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
