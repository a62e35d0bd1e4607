package org.fingertip.meal;

/** The meals a canteen may serve. */
public enum MealType {
  BREAKFAST("早餐"),
  LUNCH("午餐"),
  DINNER("晚餐");

  public final String label;

  MealType(String label) {
    this.label = label;
  }
}
