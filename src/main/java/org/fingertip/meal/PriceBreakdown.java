package org.fingertip.meal;

/**
 * What a meal costs and who pays: dish total = government subsidy + donation-funded part + what the
 * elder pays on site. Pure.
 *
 * @param note why the price is what it is, shown to the elder (e.g. a second lunch at full price)
 */
public record PriceBreakdown(
    long dishTotalFen, long subsidyFen, long donationFen, long payableFen, String note) {

  /**
   * The subsidy is a fixed amount per meal, capped at the meal price, and only for the first meal
   * of that type that day.
   */
  public static PriceBreakdown of(long dishTotalFen, long subsidyRuleFen, boolean subsidised) {
    if (dishTotalFen < 0 || subsidyRuleFen < 0) {
      throw new IllegalArgumentException("amounts must not be negative");
    }
    long subsidy = subsidised ? Math.min(subsidyRuleFen, dishTotalFen) : 0;
    String note = subsidised ? null : "今日该餐次已享受过补贴，本单按原价计算";
    return new PriceBreakdown(dishTotalFen, subsidy, 0, dishTotalFen - subsidy, note);
  }

  /** The donation pool pays part of the elder's share, never more than that share. */
  public PriceBreakdown withDonation(long donationFen) {
    long d = Math.max(0, Math.min(donationFen, payableFen));
    return new PriceBreakdown(dishTotalFen, subsidyFen, d, payableFen - d, note);
  }
}
