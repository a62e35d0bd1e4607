package org.fingertip.meal;

/** What a caseworker may record about an elder for meals. */
public enum ElderFlag {
  DIBAO,
  TEKUN,
  DISABLED,
  /** Cannot come to the canteen: may order delivery. */
  NEEDS_DELIVERY,
  /** Lives alone: a missed meal is worth a notice to the family. */
  LIVES_ALONE
}
