package org.fingertip.assistance;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;

/** One thing a citizen can apply for (救助事项), owned by one department. */
@Entity
@Table(name = "assistance_item")
public class AssistanceItem extends PanacheEntityBase {

  @Id public String code;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String department;

  @Column(name = "department_name", nullable = false)
  public String departmentName;

  @Column(nullable = false)
  public String category;

  @Column(nullable = false, columnDefinition = "text")
  public String description;

  @Column(name = "policy_basis", nullable = false, columnDefinition = "text")
  public String policyBasis;

  @Column(nullable = false)
  public String keywords;

  @Column(name = "time_limit_days", nullable = false)
  public int timeLimitDays;

  @Column(name = "public_notice", nullable = false)
  public boolean publicNotice;

  @Column(name = "emergency_allowed", nullable = false)
  public boolean emergencyAllowed;

  @Column(name = "emergency_cap_fen")
  public Long emergencyCapFen;

  /** JSON: the required materials. */
  @Column(nullable = false, columnDefinition = "text")
  public String materials;

  /** JSON: the form schema. */
  @Column(name = "form_schema", nullable = false, columnDefinition = "text")
  public String formSchema;

  public String[] regions = new String[0];

  public boolean active;

  /** True when one of the offering regions is the given region or one of its ancestors. */
  public boolean offeredIn(List<String> lineage) {
    return Arrays.stream(regions).anyMatch(lineage::contains);
  }
}
