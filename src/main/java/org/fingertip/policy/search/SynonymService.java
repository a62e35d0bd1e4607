package org.fingertip.policy.search;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fingertip.platform.problem.ProblemException;

/**
 * The synonym list admins edit. Searches read it on every query, so it is kept in memory and
 * reloaded after {@link #TTL} (other instances see an edit within that time) or at once after an
 * edit on this instance.
 */
@ApplicationScoped
public class SynonymService {

  static final Duration TTL = Duration.ofSeconds(30);

  private final SynonymRepository repository;
  private volatile Snapshot snapshot;

  private record Snapshot(Map<String, List<String>> byTerm, Instant loadedAt) {}

  public record SynonymView(long id, String term, String expansion) {}

  public SynonymService(SynonymRepository repository) {
    this.repository = repository;
  }

  /** Term → expansions, from memory when fresh. */
  @WithSession
  public Uni<Map<String, List<String>>> map() {
    Snapshot current = snapshot;
    if (current != null && current.loadedAt().plus(TTL).isAfter(Instant.now())) {
      return Uni.createFrom().item(current.byTerm());
    }
    return repository
        .listAll()
        .map(
            all -> {
              Map<String, List<String>> byTerm = new LinkedHashMap<>();
              all.forEach(
                  s -> byTerm.computeIfAbsent(s.term, k -> new ArrayList<>()).add(s.expansion));
              snapshot = new Snapshot(byTerm, Instant.now());
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
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom()
                        .failure(ProblemException.notFound("SYNONYM_NOT_FOUND", "未找到该同义词")));
  }
}
