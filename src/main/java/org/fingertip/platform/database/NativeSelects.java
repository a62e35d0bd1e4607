package org.fingertip.platform.database;

import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Native SELECTs (and {@code … RETURNING}) whose query plans Hibernate must not cache.
 *
 * <p>Hibernate ORM 7.2 keys a native SELECT's cached plan by its SQL and its result mapping; a
 * query read as {@code Object[]} gets a new mapping on every execution, so every execution adds
 * another entry under the same hash. The cache (2,048 entries) fills with them, lookups of that SQL
 * walk the growing chain, and the entries evict the plans of HQL queries, which are then parsed
 * again. A native query with a multi-valued parameter is never cached, so these statements carry
 * one: {@link #CONDITION}, always true, in their WHERE clause, bound by {@link #uncached}. A
 * statement that already binds a list needs neither (see README, Performance, "Hibernate's plan
 * cache and native SELECTs").
 */
public final class NativeSelects {

  /** An always-true condition with a list parameter, for the WHERE clause. */
  public static final String CONDITION = "1 IN (:uncachedPlan)";

  private static final List<Integer> ONE = List.of(1);

  private NativeSelects() {}

  /** Binds {@link #CONDITION}'s parameter. */
  public static <R> Mutiny.SelectionQuery<R> uncached(Mutiny.SelectionQuery<R> query) {
    return query.setParameter("uncachedPlan", ONE);
  }
}
