package org.fingertip.policy;

/** A published policy named as the source of a standard or rule. */
public record PolicyRef(long id, String title, String documentNumber, String issuingBody) {

  public static PolicyRef of(PolicyVersion v) {
    return new PolicyRef(v.policyId, v.title, v.documentNumber, v.issuingBody);
  }
}
