package org.fingertip.bench;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * {@code GET /api/v1/regions?parent=…} (first page of 20) over the seeded counties, whose 24
 * townships need a count beside the page. Raw: RegionService.require, then the page and the count
 * of the Panache query.
 */
final class RegionChildrenScenario implements Scenario {

  private java.util.List<String> counties;

  @Override
  public String name() {
    return "region children";
  }

  @Override
  public void prepare(BenchContext context) {
    counties = context.seeded.counties();
  }

  private String parent(int client, long seq) {
    return counties.get((int) ((client + seq) % counties.size()));
  }

  @Override
  public HttpRequest request(BenchContext context, int client, long seq) {
    return HttpRequest.newBuilder(context.uri("/api/v1/regions?parent=" + parent(client, seq)))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void raw(Connection c, int client, long seq) throws SQLException {
    String parent = parent(client, seq);
    Sql.query(c, "select " + Sql.REGION_COLUMNS + " from region r1_0 where r1_0.code=?", parent);
    Sql.query(
        c,
        "select "
            + Sql.REGION_COLUMNS
            + " from region r1_0 where r1_0.parent_code=? order by r1_0.code"
            + " offset ? rows fetch first ? rows only",
        parent,
        0,
        20);
    Sql.query(c, "select count(*) from region r1_0 where r1_0.parent_code=?", parent);
  }
}
