package org.fingertip.platform;

/** The roles a token can carry in its {@code groups} claim. */
public final class Roles {
  public static final String CITIZEN = "citizen";
  public static final String CASEWORKER = "caseworker";
  public static final String REGISTRY_CLERK = "registry_clerk";
  public static final String CANTEEN_OPERATOR = "canteen_operator";
  public static final String ADMIN = "admin";

  private Roles() {}
}
