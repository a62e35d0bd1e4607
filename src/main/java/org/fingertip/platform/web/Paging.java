package org.fingertip.platform.web;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;

/** Runs a Panache query as one page plus its total, one statement after the other. */
public final class Paging {

  private Paging() {}

  public static <E, R> Uni<Page<R>> page(
      PanacheQuery<E> query, PageRequest request, Function<E, R> mapper) {
    return query
        .page(request.page() - 1, request.size())
        .list()
        .chain(
            items ->
                query
                    .count()
                    .map(total -> Page.of(items.stream().map(mapper).toList(), request, total)));
  }
}
