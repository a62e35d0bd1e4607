package org.fingertip.policy.search;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.policy.PolicyDataVersion;

/**
 * The synonym list admins edit. Searches read it on every query, so it is kept in memory for one
 * {@link PolicyDataVersion}: an edit on any instance bumps that version, and the next search here
 * with the new version reloads the list (an edit on this instance drops it at once).
 */
@ApplicationScoped
public class SynonymService {

  private final SynonymRepository repository;
  private volatile Snapshot snapshot;

  private record Snapshot(Map<String, List<String>> byTerm, long dataVersion) {}

  public record SynonymView(long id, String term, String expansion) {}

  private final PolicyDataVersion dataVersion;

  public SynonymService(SynonymRepository repository, PolicyDataVersion dataVersion) {
    this.repository = repository;
    this.dataVersion = dataVersion;
  }

  /** Term → expansions as of the given policy data version, from memory when loaded for it. */
  @WithSession
  public Uni<Map<String, List<String>>> map(long version) {
    Snapshot current = snapshot;
    if (current != null && current.dataVersion() == version) {
      return Uni.createFrom().item(current.byTerm());
    }
    return repository
        .listAll()
        .map(
            all -> {
              Map<String, List<String>> byTerm = new LinkedHashMap<>();
              all.forEach(
                  s -> byTerm.computeIfAbsent(s.term, k -> new ArrayList<>()).add(s.expansion));
              snapshot = new Snapshot(byTerm, version);
              return byTerm;
            });
  }

  @WithSession
  public Uni<List<SynonymView>> list() {
    return repository
        .list("order by term, expansion")
        .map(l -> l.stream().map(s -> new SynonymView(s.id, s.term, s.expansion)).toList());
  }

  @WithTransaction
  public Uni<SynonymView> add(String term, String expansion) {
    String t = term.strip();
    String e = expansion.strip();
    if (t.equals(e)) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("expansion", "SYNONYM_SAME", "同义词不能与原词相同"));
    }
    return repository
        .findPair(t, e)
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom()
                    .failure(ProblemException.conflict("SYNONYM_EXISTS", "该同义词已存在"));
              }
              Synonym s = new Synonym();
              s.term = t;
              s.expansion = e;
              return repository.persist(s);
            })
        .call(dataVersion::bump)
        .invoke(() -> snapshot = null)
        .map(s -> new SynonymView(s.id, s.term, s.expansion));
  }

  @WithTransaction
  public Uni<Void> delete(long id) {
    return repository
        .deleteById(id)
        .invoke(() -> snapshot = null)
        .chain(
            deleted ->
                deleted
                    ? dataVersion.bump()
                    : Uni.createFrom()
                        .failure(ProblemException.notFound("SYNONYM_NOT_FOUND", "未找到该同义词")));
  }
}
