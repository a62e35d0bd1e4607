package org.fingertip.bench;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /api/v1/policies/{id}} over all seeded policies (ids drawn from the client and
 * sequence, so every client walks the whole set). Raw: PolicyService.published — the current
 * version, its region, the standards the policy sets, and its version history.
 */
final class PolicyDetailScenario implements Scenario {

  private List<Long> ids;

  @Override
  public String name() {
    return "policy detail";
  }

  @Override
  public void prepare(BenchContext context) {
    ids = context.seeded.publishedPolicyIds();
  }

  private long id(int client, long seq) {
    return ids.get((int) ((client * 7919L + seq * 104_729L) % ids.size()));
  }

  @Override
  public HttpRequest request(BenchContext context, int client, long seq) {
    return HttpRequest.newBuilder(context.uri("/api/v1/policies/" + id(client, seq)))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void raw(Connection c, int client, long seq) throws SQLException {
    long id = id(client, seq);
    List<Object[]> current =
        Sql.rows(
            c,
            "select "
                + Sql.VERSION_COLUMNS
                + " from policy_version pv1_0 where pv1_0.policy_id=? and pv1_0.is_current=true"
                + " offset ? rows fetch first ? rows only",
            id,
            0,
            1);
    if (current.isEmpty()) {
      throw new SQLException("policy " + id + " has no current version");
    }
    Sql.query(
        c,
        "select " + Sql.REGION_COLUMNS + " from region r1_0 where r1_0.code=?",
        current.get(0)[Sql.VERSION_REGION]);
    Sql.query(
        c,
        "select "
            + Sql.STANDARD_COLUMNS
            + " from policy_standard s1_0 where s1_0.policy_id=? order by s1_0.type,"
            + "s1_0.effective_from",
        id);
    Sql.query(
        c,
        "select "
            + Sql.VERSION_COLUMNS
            + " from policy_version pv1_0 where pv1_0.policy_id=? order by pv1_0.version desc",
        id);
  }
}
