package org.fingertip.platform.calendar;

/** A day the State Council calendar sets apart from the plain weekday/weekend rule. */
public enum DayKind {
  /** Statutory holiday or a day off in lieu: no work even on a weekday. */
  HOLIDAY,
  /** Make-up workday (调休上班): work even on a weekend. */
  WORKDAY
}
