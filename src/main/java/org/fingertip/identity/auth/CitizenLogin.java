package org.fingertip.identity.auth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.fingertip.identity.Citizen;
import org.fingertip.identity.CitizenRepository;
import org.fingertip.platform.web.AppClock;

/**
 * Finds or creates the citizen behind a WeChat identity. A citizen who uses both the mini-program
 * and the app is one citizen, linked by unionid. Creation is an INSERT … ON CONFLICT DO NOTHING, so
 * a double-tapped login never makes two citizens.
 */
@ApplicationScoped
public class CitizenLogin {

  /** Which WeChat front end the openid belongs to. */
  public enum Channel {
    MINI_PROGRAM("mp_openid", "miniProgramOpenid"),
    APP("app_openid", "appOpenid");

    final String column;
    final String property;

    Channel(String column, String property) {
      this.column = column;
      this.property = property;
    }
  }

  private final CitizenRepository citizens;
  private final AppClock clock;

  public CitizenLogin(CitizenRepository citizens, AppClock clock) {
    this.citizens = citizens;
    this.clock = clock;
  }

  @WithTransaction
  public Uni<Citizen> findOrCreate(Channel channel, String openid, String unionid) {
    return citizens
        .find(channel.property, openid)
        .<Citizen>firstResult()
        .chain(
            existing -> {
              if (existing != null) {
                return linkUnionid(existing, unionid);
              }
              if (unionid != null) {
                return citizens
                    .findByUnionid(unionid)
                    .chain(
                        linked ->
                            linked != null
                                ? attach(linked, channel, openid)
                                : create(channel, openid, unionid));
              }
              return create(channel, openid, null);
            });
  }

  private Uni<Citizen> linkUnionid(Citizen citizen, String unionid) {
    if (unionid == null || unionid.equals(citizen.unionid) || citizen.unionid != null) {
      return Uni.createFrom().item(citizen);
    }
    return citizens
        .findByUnionid(unionid)
        .map(
            other -> {
              if (other == null) {
                citizen.unionid = unionid;
              }
              return citizen;
            });
  }

  private Uni<Citizen> attach(Citizen citizen, Channel channel, String openid) {
    if (channel == Channel.MINI_PROGRAM) {
      citizen.miniProgramOpenid = openid;
    } else {
      citizen.appOpenid = openid;
    }
    return Uni.createFrom().item(citizen);
  }

  private Uni<Citizen> create(Channel channel, String openid, String unionid) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "INSERT INTO citizen (id, "
                            + channel.column
                            + ", unionid, created_at) VALUES (:id, :openid, :unionid, :now)"
                            + " ON CONFLICT DO NOTHING")
                    .setParameter("id", UUID.randomUUID())
                    .setParameter("openid", openid)
                    .setParameter("unionid", unionid)
                    .setParameter("now", clock.instant())
                    .executeUpdate())
        .chain(() -> citizens.find(channel.property, openid).<Citizen>firstResult())
        .chain(
            created ->
                created != null || unionid == null
                    ? Uni.createFrom().item(created)
                    : citizens
                        .findByUnionid(unionid)
                        .chain(linked -> attach(linked, channel, openid)));
  }
}
