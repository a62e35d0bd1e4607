package org.fingertip.platform.region;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;

/**
 * A node of the region tree. {@code path} lists the codes from the province down to this node
 * ({@code /320000/321300/321302/}), so "this region and everything below it" is one indexed prefix
 * match and "everything above it" needs no query at all.
 */
@Entity
@Table(name = "region")
public class Region extends PanacheEntityBase {

  @Id public String code;

  @Column(nullable = false)
  public String name;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public RegionLevel level;

  @Column(name = "parent_code")
  public String parentCode;

  @Column(nullable = false)
  public String path;

  /** Codes from the province down to this region, this one last. */
  public List<String> lineage() {
    return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
  }
}
