package org.fingertip.marriage;

/** What a registry office does at the counter; each slot is for one of them. */
public enum RegistryService {
  MARRIAGE("结婚登记", true),
  DIVORCE_APPLICATION("离婚登记申请", true),
  DIVORCE_CERTIFICATE("离婚证发放", true),
  REISSUE("补领婚姻登记证", false),
  CEREMONY("颁证仪式", false);

  public final String label;

  /** Whether the booking names the other spouse (real name and ID number). */
  public final boolean needsPartner;

  RegistryService(String label, boolean needsPartner) {
    this.label = label;
    this.needsPartner = needsPartner;
  }
}
