package org.fingertip.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Function;

/**
 * Serialised policy reads (search pages, details) kept in memory under the {@link
 * PolicyDataVersion} they were built from: a publish, archive, edit, standard or synonym change
 * bumps the version, so no entry outlives its data, and the old entries age out. Bounded by bytes
 * (Caffeine's size-based eviction), because one detail can be a 100,000-character body.
 *
 * <p>A hit skips the ranked query, the highlighting, the JSON serialisation and the ETag digest:
 * policies change a few times a day and the same few queries come in all day.
 */
@ApplicationScoped
public class PolicyReadCache {

  static final long MAX_BYTES = 32L * 1024 * 1024;

  /** A search page as asked for; the query is normalised so spacing and case variants share it. */
  record SearchKey(
      String q,
      String category,
      String department,
      String region,
      LocalDate date,
      int page,
      int size,
      long version) {}

  record DetailKey(long id, long version) {}

  private final Cache<Object, HttpCaching.Body> cache =
      Caffeine.newBuilder()
          .maximumWeight(MAX_BYTES)
          .weigher((Object key, HttpCaching.Body body) -> body.bytes().length + 200)
          .build();

  private final PolicyDataVersion dataVersion;
  private final HttpCaching caching;

  public PolicyReadCache(PolicyDataVersion dataVersion, HttpCaching caching) {
    this.dataVersion = dataVersion;
    this.caching = caching;
  }

  /**
   * The cached body for the key the version makes, or the computed one (then kept); failures
   * (problems) are never cached.
   */
  public Uni<HttpCaching.Body> get(Function<Long, Object> key, Function<Long, Uni<?>> compute) {
    return dataVersion
        .current()
        .chain(
            version -> {
              Object k = key.apply(version);
              HttpCaching.Body hit = cache.getIfPresent(k);
              if (hit != null) {
                return Uni.createFrom().item(hit);
              }
              return compute
                  .apply(version)
                  .map(
                      entity -> {
                        HttpCaching.Body body = caching.prepare(entity);
                        cache.put(k, body);
                        return body;
                      });
            });
  }

  /** Trimmed, runs of spaces (ASCII or ideographic) as one, Latin lower-cased; null stays null. */
  static String normalise(String q) {
    return q == null ? null : q.strip().replaceAll("[\\s\\u3000]+", " ").toLowerCase(Locale.ROOT);
  }
}
