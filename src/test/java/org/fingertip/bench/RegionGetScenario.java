package org.fingertip.bench;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /api/v1/regions/{code}} over every seeded township (full name from its lineage). Raw:
 * RegionService.get — the region by code, then its lineage's regions in path order.
 */
final class RegionGetScenario implements Scenario {

  private List<String> townships;

  @Override
  public String name() {
    return "region by code";
  }

  @Override
  public void prepare(BenchContext context) {
    townships = context.seeded.townships();
  }

  private String code(int client, long seq) {
    return townships.get((int) ((client * 31L + seq) % townships.size()));
  }

  @Override
  public HttpRequest request(BenchContext context, int client, long seq) {
    return HttpRequest.newBuilder(context.uri("/api/v1/regions/" + code(client, seq)))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void raw(Connection c, int client, long seq) throws SQLException {
    String code = code(client, seq);
    List<Object[]> rows =
        Sql.rows(c, "select " + Sql.REGION_COLUMNS + " from region r1_0 where r1_0.code=?", code);
    String path = (String) rows.get(0)[4];
    List<String> lineage = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    Sql.query(
        c,
        "select "
            + Sql.REGION_COLUMNS
            + " from region r1_0 where r1_0.code in ("
            + Sql.marks(lineage.size())
            + ") order by r1_0.path",
        lineage.toArray());
  }
}
