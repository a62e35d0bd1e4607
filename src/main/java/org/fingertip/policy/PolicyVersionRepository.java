package org.fingertip.policy;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fingertip.platform.database.NativeSelects;

@WithSession
@ApplicationScoped
public class PolicyVersionRepository implements PanacheRepositoryBase<PolicyVersion, Long> {

  public Uni<PolicyVersion> findCurrent(long policyId) {
    return find("policyId = ?1 and current = true", policyId).firstResult();
  }

  public Uni<List<PolicyVersion>> listByPolicy(long policyId) {
    return list("policyId = ?1 order by version desc", policyId);
  }

  public Uni<List<PolicyVersion>> listByIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list("id in ?1", ids);
  }

  /** The latest published version of each policy (archived ones included), by policy id. */
  public Uni<Map<Long, PolicyVersion>> latestByPolicy(Collection<Long> policyIds) {
    if (policyIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return list(
            "from PolicyVersion v where v.policyId in ?1 and v.version ="
                + " (select max(w.version) from PolicyVersion w where w.policyId = v.policyId)",
            policyIds)
        .map(
            list -> {
              Map<Long, PolicyVersion> byPolicy = new HashMap<>();
              list.forEach(v -> byPolicy.put(v.policyId, v));
              return byPolicy;
            });
  }

  /** Hides the visible version of a policy (before publishing a new one, or on archiving). */
  public Uni<Integer> clearCurrent(long policyId) {
    return update("current = false where policyId = ?1 and current = true", policyId);
  }

  /** Writes the search vector of a version (a tsvector literal from ChineseTokenizer). */
  public Uni<Integer> indexVersion(long versionId, String tsvectorLiteral) {
    return getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE policy_version SET search_vector = CAST(:v AS tsvector) WHERE id = :id")
                    .setParameter("v", tsvectorLiteral)
                    .setParameter("id", versionId)
                    .executeUpdate());
  }

  /**
   * One page of current versions, ranked when a query is given. The tsquery is the text built by
   * SearchQuery (lexemes quoted verbatim); filters are bound parameters. Returns rows of [id, rank,
   * total].
   */
  public Uni<List<Object[]>> search(SearchFilter filter, int limit, int offset) {
    StringBuilder sql = new StringBuilder();
    Map<String, Object> params = new HashMap<>();
    if (filter.tsquery() != null) {
      sql.append(
          "SELECT v.id, ts_rank(v.search_vector, q.query) AS rank, count(*) OVER () AS total"
              + " FROM policy_version v CROSS JOIN (SELECT CAST(:tsq AS tsquery) AS query) q"
              + " WHERE v.is_current AND v.search_vector @@ q.query");
      params.put("tsq", filter.tsquery());
    } else {
      sql.append(
          "SELECT v.id, CAST(0 AS real) AS rank, count(*) OVER () AS total"
              + " FROM policy_version v WHERE v.is_current");
    }
    sql.append(" AND ").append(NativeSelects.CONDITION);
    if (filter.category() != null) {
      sql.append(" AND v.category = :category");
      params.put("category", filter.category());
    }
    if (filter.department() != null) {
      sql.append(" AND v.issuing_body = :department");
      params.put("department", filter.department());
    }
    if (filter.regionCodes() != null) {
      sql.append(" AND v.region_code IN (");
      for (int i = 0; i < filter.regionCodes().size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(":r").append(i);
        params.put("r" + i, filter.regionCodes().get(i));
      }
      sql.append(")");
    }
    if (filter.date() != null) {
      sql.append(
          " AND v.effective_from <= :date AND (v.effective_to IS NULL OR v.effective_to >= :date)");
      params.put("date", filter.date());
    }
    sql.append(" ORDER BY rank DESC, v.effective_from DESC, v.id DESC LIMIT :limit OFFSET :offset");
    params.put("limit", limit);
    params.put("offset", offset);
    return getSession()
        .chain(
            s -> {
              var query =
                  NativeSelects.uncached(s.createNativeQuery(sql.toString(), Object[].class));
              params.forEach(query::setParameter);
              return query.getResultList();
            });
  }

  /** Filters of a policy search; null means "any". */
  public record SearchFilter(
      String tsquery,
      String category,
      String department,
      List<String> regionCodes,
      java.time.LocalDate date) {}
}
