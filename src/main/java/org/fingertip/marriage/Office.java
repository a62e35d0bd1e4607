package org.fingertip.marriage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/** A marriage registry office (婚姻登记处). */
@Entity
@Table(name = "marriage_office")
public class Office extends PanacheEntityBase {

  @Id public UUID id;

  public String name;

  @Column(name = "region_code")
  public String regionCode;

  @Column(name = "region_path")
  public String regionPath;

  public String address;
  public double latitude;
  public double longitude;
  public String phone;
  public String hours;
  public String[] services = new String[0];

  @Column(name = "release_days")
  public int releaseDays;

  @Column(name = "created_at")
  public Instant createdAt;

  public boolean offers(RegistryService service) {
    return Arrays.asList(services).contains(service.name());
  }
}
