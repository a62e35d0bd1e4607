package org.fingertip.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Function;
import org.fingertip.platform.database.NativeSelects;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * Why {@link NativeSelects} exists, and that it works: Hibernate adds a query plan for every
 * execution of a plain native SELECT read as rows, so the shared plan cache fills up; the same
 * statement with the always-true list condition adds none. If a Hibernate upgrade stops the growth,
 * the control test fails and the workaround can go.
 */
@QuarkusTest
class NativeSelectPlanCacheTest {

  private static final int RUNS = 40;

  @Inject Mutiny.SessionFactory sessions;

  @Test
  void shouldAddNoPlanForAnUncachedNativeSelect() throws Throwable {
    String sql =
        "SELECT code, name FROM region WHERE "
            + NativeSelects.CONDITION
            + " AND code = :code /* uncached */";
    int before = cachedPlans();
    for (int i = 0; i < RUNS; i++) {
      List<Object[]> rows =
          run(
              s ->
                  NativeSelects.uncached(s.createNativeQuery(sql, Object[].class))
                      .setParameter("code", "320000")
                      .getResultList());
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0)[1]).isEqualTo("江苏省");
    }
    assertThat(cachedPlans() - before).isLessThan(RUNS / 4);
  }

  @Test
  void controlHibernateAddsAPlanPerExecutionOfAPlainNativeSelect() throws Throwable {
    String sql = "SELECT code, name FROM region WHERE code = :code /* plain */";
    int before = cachedPlans();
    for (int i = 0; i < RUNS; i++) {
      run(
          s ->
              s.createNativeQuery(sql, Object[].class)
                  .setParameter("code", "320000")
                  .getResultList());
    }
    assertThat(cachedPlans() - before).isGreaterThanOrEqualTo(RUNS - 1);
  }

  @Test
  void controlAScalarNativeSelect() throws Throwable {
    String sql = "SELECT count(*) FROM region WHERE code = :code /* scalar */";
    int before = cachedPlans();
    for (int i = 0; i < RUNS; i++) {
      run(
          s ->
              s.createNativeQuery(sql, Long.class)
                  .setParameter("code", "320000")
                  .getSingleResult());
    }
    System.out.println("scalar native select: plans added " + (cachedPlans() - before));
  }

  private <T> T run(Function<Mutiny.Session, Uni<T>> work) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(() -> sessions.withSession(work));
  }

  private int cachedPlans() {
    return sessions
        .getCache()
        .getSessionFactory()
        .unwrap(SessionFactoryImplementor.class)
        .getQueryEngine()
        .getInterpretationCache()
        .getNumberOfCachedQueryPlans();
  }
}
