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
 * {@code GET /api/v1/policies?q=…} (first page, 20 hits; or, for the cache-miss variant, a page and
 * size that vary with every request over {@value #SPREAD} combinations, so the app's read cache
 * mostly misses and the ranked query runs as it would for the long tail of searches). Raw: the
 * statements PolicyService.search issues once its synonym map is cached — the ranked native query
 * of PolicyVersionRepository.search with the tsquery SearchQuery builds (computed here with the
 * app's own class from the same synonym rows), then the versions of the page by id, then their
 * regions.
 */
final class PolicySearchScenario implements Scenario {

  static final String SEARCH =
      "SELECT v.id, ts_rank(v.search_vector, q.query) AS rank, count(*) OVER () AS total"
          + " FROM policy_version v CROSS JOIN (SELECT CAST(? AS tsquery) AS query) q"
          + " WHERE v.is_current AND v.search_vector @@ q.query"
          + " ORDER BY rank DESC, v.effective_from DESC, v.id DESC LIMIT ? OFFSET ?";

  /** Page × size combinations of the cache-miss variant: pages 1–20, sizes 5–100. */
  static final int SPREAD = 20 * 96;

  private final String label;
  private final String q;
  private final boolean spread;
  private String tsquery;

  PolicySearchScenario(String label, String q) {
    this(label, q, false);
  }

  PolicySearchScenario(String label, String q, boolean spread) {
    this.label = label;
    this.q = q;
    this.spread = spread;
  }

  /** The {@code seq}-th request's combination, the same for the app and the raw side. */
  private int combination(int client, long seq) {
    return (int) Math.floorMod(client * 7_919L + seq * 104_729L, (long) SPREAD);
  }

  private int page(int client, long seq) {
    return spread ? 1 + combination(client, seq) % 20 : 1;
  }

  private int size(int client, long seq) {
    return spread ? 5 + combination(client, seq) / 20 : 20;
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
            context.uri(
                "/api/v1/policies?q="
                    + URLEncoder.encode(q, StandardCharsets.UTF_8)
                    + (spread ? "&page=" + page(client, seq) + "&size=" + size(client, seq) : "")))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void raw(Connection c, int client, long seq) throws SQLException {
    int size = size(client, seq);
    List<Object> ids = Sql.query(c, SEARCH, tsquery, size, (page(client, seq) - 1) * size);
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
