package org.fingertip.bench;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/standards?region=321302001&type=DIBAO_MONTHLY}: the DIBAO line of 幸福街道,
 * resolved up 宿城区 → 宿迁市 → 江苏省. Raw: StandardService.inForce — the region, the public standards of
 * its lineage, the latest version of each source policy, and the lineage's regions (read twice, as
 * the service does).
 */
final class StandardsScenario implements Scenario {

  private static final String REGION = "321302001";
  private static final List<String> LINEAGE = List.of("320000", "321300", "321302", REGION);

  @Override
  public String name() {
    return "standards in force";
  }

  @Override
  public HttpRequest request(BenchContext context, int client, long seq) {
    return HttpRequest.newBuilder(
            context.uri("/api/v1/standards?region=" + REGION + "&type=DIBAO_MONTHLY"))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void raw(Connection c, int client, long seq) throws SQLException {
    Sql.query(c, "select " + Sql.REGION_COLUMNS + " from region r1_0 where r1_0.code=?", REGION);
    List<Object[]> rows =
        Sql.rows(
            c,
            "select "
                + Sql.STANDARD_COLUMNS
                + " from policy_standard s1_0 where s1_0.region_code in (?,?,?,?) and exists(select"
                + " 1 from policy p1_0 where p1_0.id=s1_0.policy_id and p1_0.current_version>0)"
                + " order by s1_0.type,s1_0.region_code,s1_0.effective_from",
            LINEAGE.toArray());
    Set<Object> policyIds = new LinkedHashSet<>();
    rows.forEach(r -> policyIds.add(r[5]));
    if (!policyIds.isEmpty()) {
      Sql.query(
          c,
          "select "
              + Sql.VERSION_COLUMNS
              + " from policy_version pv1_0 where pv1_0.policy_id in ("
              + Sql.marks(policyIds.size())
              + ") and pv1_0.version=(select max(pv2_0.version) from policy_version pv2_0 where"
              + " pv2_0.policy_id=pv1_0.policy_id)",
          policyIds.toArray());
    }
    String lineage =
        "select "
            + Sql.REGION_COLUMNS
            + " from region r1_0 where r1_0.code in (?,?,?,?) order by r1_0.path";
    Sql.query(c, lineage, LINEAGE.toArray());
    Sql.query(c, lineage, LINEAGE.toArray());
  }
}
