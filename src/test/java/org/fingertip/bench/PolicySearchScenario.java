package org.fingertip.bench;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fingertip.policy.search.SearchQuery;

/**
 * {@code GET /api/v1/policies?q=…} (first page, 20 hits). Raw: the statements PolicyService.search
 * issues once its synonym map is cached — the ranked native query of PolicyVersionRepository.search
 * with the tsquery SearchQuery builds (computed here with the app's own class from the same synonym
 * rows), then the versions of the page by id, then their regions.
 */
final class PolicySearchScenario implements Scenario {

  static final String SEARCH =
      "SELECT v.id, ts_rank(v.search_vector, q.query) AS rank, count(*) OVER () AS total"
          + " FROM policy_version v CROSS JOIN (SELECT CAST(? AS tsquery) AS query) q"
          + " WHERE v.is_current AND v.search_vector @@ q.query"
          + " ORDER BY rank DESC, v.effective_from DESC, v.id DESC LIMIT ? OFFSET ?";

  private final String label;
  private final String q;
  private String tsquery;

  PolicySearchScenario(String label, String q) {
    this.label = label;
    this.q = q;
  }

  @Override
  public String name() {
    return "policy search " + label;
  }

  @Override
  public void prepare(BenchContext context) throws Exception {
    Map<String, List<String>> synonyms = new LinkedHashMap<>();
    try (Connection c = context.connect();
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT term, expansion FROM policy_synonym")) {
      while (rs.next()) {
        synonyms.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    tsquery = SearchQuery.parse(q, synonyms).tsquery();
  }

  @Override
  public HttpRequest request(BenchContext context, int client, long seq) {
    return HttpRequest.newBuilder(
            context.uri("/api/v1/policies?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void raw(Connection c, int client, long seq) throws SQLException {
    List<Object> ids = Sql.query(c, SEARCH, tsquery, 20, 0);
    if (ids.isEmpty()) {
      return;
    }
    List<Object[]> versions =
        Sql.rows(
            c,
            "select "
                + Sql.VERSION_COLUMNS
                + " from policy_version pv1_0 where pv1_0.id in ("
                + Sql.marks(ids.size())
                + ")",
            ids.toArray());
    Set<Object> codes = new LinkedHashSet<>();
    versions.forEach(v -> codes.add(v[Sql.VERSION_REGION]));
    Sql.query(
        c,
        "select "
            + Sql.REGION_COLUMNS
            + " from region r1_0 where r1_0.code in ("
            + Sql.marks(codes.size())
            + ") order by r1_0.path",
        codes.toArray());
  }
}
