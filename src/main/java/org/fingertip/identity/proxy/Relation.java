package org.fingertip.identity.proxy;

/** How the proxy is related to the subject. */
public enum Relation {
  SPOUSE("配偶"),
  CHILD("子女"),
  PARENT("父母"),
  SIBLING("兄弟姐妹"),
  GRANDCHILD("孙子女/外孙子女"),
  RELATIVE("其他亲属"),
  CAREGIVER("照护人");

  public final String label;

  Relation(String label) {
    this.label = label;
  }
}
