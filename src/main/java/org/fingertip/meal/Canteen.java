package org.fingertip.meal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;
import org.fingertip.platform.calendar.WorkingDayCalendar;

/** A canteen (助餐点 / 助老食堂 / 幸福食堂) serving elders. */
@Entity
@Table(name = "meal_canteen")
public class Canteen extends PanacheEntityBase {

  /** Which days a canteen opens. */
  public enum Opening {
    /** State Council working days: closed on weekends and holidays, open on make-up days. */
    WORKING_DAYS,
    DAILY
  }

  @Id public UUID id;

  public String name;

  @Column(name = "region_code")
  public String regionCode;

  public String address;
  public double latitude;
  public double longitude;

  @Column(name = "operator_name")
  public String operatorName;

  public String phone;

  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
  public Opening opening;

  @Column(name = "delivery_offered")
  public boolean deliveryOffered;

  @Column(name = "delivery_radius_m")
  public int deliveryRadiusMetres;

  public boolean opensOn(LocalDate date, WorkingDayCalendar calendar) {
    return opening == Opening.DAILY || calendar.isWorkingDay(date);
  }

  public Geo.Point location() {
    return new Geo.Point(latitude, longitude);
  }
}
