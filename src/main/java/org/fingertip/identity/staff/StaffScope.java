package org.fingertip.identity.staff;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.fingertip.platform.Roles;

/**
 * What a member of staff may touch. Every staff route checks it in its service, against data read
 * from the database (not from the token, which may be up to an hour old).
 *
 * <p>A caseworker's region covers its descendants: scope {@code 321302} (宿城区) covers township
 * {@code 321302001}; region paths make that a prefix test.
 */
public record StaffScope(
    UUID staffId,
    String role,
    String displayName,
    String[] departments,
    String[] regions,
    String[] offices,
    String[] canteens) {

  public boolean isAdmin() {
    return Roles.ADMIN.equals(role);
  }

  /** True when the region (given by its code lineage, province first) lies inside the scope. */
  public boolean coversRegion(List<String> lineage) {
    if (isAdmin()) {
      return true;
    }
    return Arrays.stream(regions).anyMatch(lineage::contains);
  }

  public boolean coversDepartment(String department) {
    return isAdmin() || Arrays.asList(departments).contains(department);
  }

  public boolean coversOffice(String officeId) {
    return isAdmin() || Arrays.asList(offices).contains(officeId);
  }

  public boolean coversCanteen(String canteenId) {
    return isAdmin() || Arrays.asList(canteens).contains(canteenId);
  }

  /** How the citizen's access log names this member of staff: role and unit, not the person. */
  public String unit() {
    if (offices.length > 0) {
      return "婚姻登记处 " + String.join(",", offices);
    }
    if (canteens.length > 0) {
      return "助餐点 " + String.join(",", canteens);
    }
    return String.join(",", departments) + " @ " + String.join(",", regions);
  }
}
