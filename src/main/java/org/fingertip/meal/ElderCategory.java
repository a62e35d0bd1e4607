package org.fingertip.meal;

/**
 * Categories an elder falls into for subsidies and settlement: one age band, plus special groups a
 * caseworker recorded (低保, 特困, 失能/残疾).
 */
public enum ElderCategory {
  AGE_60_69("60-69岁"),
  AGE_70_79("70-79岁"),
  AGE_80_PLUS("80岁及以上"),
  DIBAO("低保老人"),
  TEKUN("特困老人"),
  DISABLED("失能/残疾老人");

  public final String label;

  ElderCategory(String label) {
    this.label = label;
  }
}
