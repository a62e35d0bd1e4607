package org.fingertip.policy.household;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.fingertip.notification.Outbox;
import org.fingertip.platform.crypto.PiiCipher;
import org.fingertip.platform.database.NativeSelects;
import org.fingertip.platform.problem.ProblemException;
import org.fingertip.platform.web.AppClock;
import org.fingertip.policy.eligibility.EligibilityService;
import org.fingertip.policy.eligibility.EligibilityService.ItemResult;

/**
 * "政策找人" pushes: a published standard or rule change records a job row ("re-evaluate the saved
 * households under region X as of date D") in its own transaction; this class runs the jobs.
 *
 * <p>Run once across instances: a job is claimed with {@code FOR UPDATE SKIP LOCKED} inside the
 * transaction that evaluates its households and marks it done, so another instance skips it, and
 * one that dies mid-way rolls back and leaves it for the next run. The households are row-locked
 * for the same transaction, so an owner's save waits instead of being overwritten.
 *
 * <p>As of which day: {@code max(today, D)} where D is the date the change takes effect. A raise
 * effective next month is announced now, naming that date ("自 2030-01-01 起"), rather than silently
 * at midnight on the day; a change effective in the past is judged as of today.
 */
@ApplicationScoped
public class MatchJobs {

  /** Jobs one scheduled run works through at most; the rest wait for the next run. */
  static final int MAX_JOBS_PER_RUN = 50;

  private final SavedHouseholdRepository households;
  private final HouseholdFactsService facts;
  private final EligibilityService eligibility;
  private final Outbox outbox;
  private final PiiCipher cipher;
  private final AppClock clock;

  public MatchJobs(
      SavedHouseholdRepository households,
      HouseholdFactsService facts,
      EligibilityService eligibility,
      Outbox outbox,
      PiiCipher cipher,
      AppClock clock) {
    this.households = households;
    this.facts = facts;
    this.eligibility = eligibility;
    this.outbox = outbox;
    this.cipher = cipher;
    this.clock = clock;
  }

  /**
   * Records a re-evaluation of the households under {@code regionCode}, in the caller's
   * transaction: it exists exactly when the change that causes it commits.
   *
   * @param cause what changed, e.g. {@code STANDARD:DIBAO_MONTHLY:1003} or {@code RULE:12}
   */
  public Uni<Void> record(String regionCode, LocalDate asOf, String cause) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "INSERT INTO policy_match_job (region_code, region_path, as_of, cause,"
                            + " created_at) SELECT code, path, :asOf, :cause, :now FROM region"
                            + " WHERE code = :code")
                    .setParameter("asOf", asOf)
                    .setParameter("cause", cause)
                    .setParameter("now", clock.instant())
                    .setParameter("code", regionCode)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /**
   * A policy's first publish makes its standards and rules public at once: one job per region where
   * it sets any, as of the latest date among them there.
   */
  public Uni<Void> recordForPolicy(long policyId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "INSERT INTO policy_match_job (region_code, region_path, as_of, cause,"
                            + " created_at) SELECT r.code, r.path, max(x.effective_from), :cause,"
                            + " :now FROM (SELECT region_code, effective_from FROM policy_standard"
                            + " WHERE policy_id = :p UNION ALL SELECT region_code, effective_from"
                            + " FROM eligibility_rule WHERE policy_id = :p) x JOIN region r ON"
                            + " r.code = x.region_code GROUP BY r.code, r.path")
                    .setParameter("cause", "POLICY:" + policyId)
                    .setParameter("now", clock.instant())
                    .setParameter("p", policyId)
                    .executeUpdate())
        .replaceWithVoid();
  }

  @Scheduled(
      every = "${fingertip.policy.match-job-every}",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return drain()
        .invoke(n -> Log.debugf("Ran %d policy match jobs", n))
        .onFailure()
        .invoke(e -> Log.warnf("Policy match jobs failed: %s", e.toString()))
        .onFailure()
        .recoverWithItem(0)
        .replaceWithVoid();
  }

  /** Runs pending jobs one after another until none is left (or the per-run cap); how many ran. */
  public Uni<Integer> drain() {
    return drain(0);
  }

  private Uni<Integer> drain(int done) {
    if (done >= MAX_JOBS_PER_RUN) {
      return Uni.createFrom().item(done);
    }
    return runOne().chain(ran -> ran ? drain(done + 1) : Uni.createFrom().item(done));
  }

  /** Claims the oldest pending job, evaluates its households, marks it done; false when none. */
  @WithTransaction
  Uni<Boolean> runOne() {
    return Panache.getSession()
        .chain(
            s ->
                NativeSelects.uncached(
                        s.createNativeQuery(
                            "SELECT id, region_path, as_of, cause FROM policy_match_job"
                                + " WHERE done_at IS NULL AND "
                                + NativeSelects.CONDITION
                                + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
                            Object[].class))
                    .getResultList())
        .chain(
            rows -> {
              if (rows.isEmpty()) {
                return Uni.createFrom().item(false);
              }
              Object[] job = rows.get(0);
              long id = ((Number) job[0]).longValue();
              String path = (String) job[1];
              LocalDate asOf = toDate(job[2]);
              String cause = (String) job[3];
              LocalDate today = clock.today();
              LocalDate day = asOf.isAfter(today) ? asOf : today;
              return households
                  .lockUnder(path)
                  .chain(list -> evaluateAll(list, day, cause))
                  .chain(n -> finish(id, n))
                  .replaceWith(true);
            });
  }

  private Uni<Integer> evaluateAll(List<SavedHousehold> list, LocalDate day, String cause) {
    Uni<Integer> chain = Uni.createFrom().item(0);
    for (SavedHousehold h : list) {
      chain = chain.chain(n -> evaluate(h, day, cause).replaceWith(n + 1));
    }
    return chain;
  }

  /** One household: notify each newly eligible item, then remember what matches now. */
  private Uni<Void> evaluate(SavedHousehold h, LocalDate day, String cause) {
    List<String> before = facts.lastEligible(h);
    return eligibility
        .checkAsOf(facts.facts(h).withDate(day), day)
        .chain(
            result -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (ItemResult item : NewMatchNotice.newlyEligible(before, result.eligible())) {
                var standard = NewMatchNotice.standardOf(item, cause);
                chain =
                    chain.chain(
                        () ->
                            outbox.record(
                                h.citizenId,
                                NewMatchNotice.TEMPLATE,
                                NewMatchNotice.params(item, standard, day),
                                NewMatchNotice.dedupKey(h.citizenId, item, standard)));
              }
              return chain.invoke(
                  () -> {
                    h.lastEligibleEnc =
                        cipher.encrypt(facts.write(HouseholdFactsService.codes(result)));
                    h.evaluatedAt = clock.instant();
                  });
            })
        // facts that no longer pass the check's validation are skipped, not allowed to block the
        // job
        .onFailure(ProblemException.class)
        .recoverWithUni(
            e -> {
              Log.warnf("Saved household not evaluated: %s", ((ProblemException) e).code());
              return Uni.createFrom().voidItem();
            });
  }

  private Uni<Void> finish(long id, int evaluated) {
    Instant now = clock.instant();
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "UPDATE policy_match_job SET done_at = :now, households = :n WHERE id = :id")
                    .setParameter("now", now)
                    .setParameter("n", evaluated)
                    .setParameter("id", id)
                    .executeUpdate())
        .replaceWithVoid();
  }

  private static LocalDate toDate(Object value) {
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return LocalDate.parse(String.valueOf(value));
  }
}
