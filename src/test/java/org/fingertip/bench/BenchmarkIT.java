package org.fingertip.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The benchmark: {@code ./mvnw -B -Pbench verify}. Packaged app in the prod profile against a real
 * PostgreSQL and S3 (see {@link BenchEnvironment}), a seeded volume ({@link Seeder}), then each
 * {@link Scenario} twice with the same number of clients — against the app over HTTP, and as the
 * same SQL straight at the database over JDBC — and one table with the app/raw ratio. Only the
 * {@code bench} profile runs it (it needs the system property it sets); the normal {@code verify}
 * skips it.
 *
 * <p>Knobs (system properties): {@code bench.warmup} and {@code bench.duration} in seconds per run
 * (default 10 and 15), {@code bench.citizens}, {@code bench.policies}, {@code bench.only} (a
 * substring of scenario names), {@code bench.logSql} (Hibernate SQL in the app log), {@code
 * bench.keep} (keep target/bench-* for inspection).
 */
@EnabledIfSystemProperty(named = "fingertip.bench", matches = "true")
class BenchmarkIT {

  /** Every scenario, in table order. A feature adds its scenario class here. */
  static List<Scenario> scenarios() {
    return List.of(
        new PolicySearchScenario("q=低保 (abbrev. + synonym)", "低保"),
        new PolicySearchScenario("q=孤儿 (2 chars)", "孤儿"),
        new PolicySearchScenario("q=两项补贴 (abbrev. → 2 expansions)", "两项补贴"),
        new PolicySearchScenario("q=低保, page/size varied (read cache mostly missed)", "低保", true),
        new PolicyDetailScenario(),
        new StandardsScenario(),
        new RegionChildrenScenario(),
        new RegionGetScenario(),
        new RegionCreateScenario(32),
        new MarriageRushScenario(64),
        new MealRushScenario(64),
        new CaseworkerQueueScenario(16));
  }

  @Test
  void benchmark() throws Exception {
    Duration warmUp = Duration.ofSeconds(Long.getLong("bench.warmup", 10));
    Duration measured = Duration.ofSeconds(Long.getLong("bench.duration", 15));
    String only = System.getProperty("bench.only", "");
    long began = System.nanoTime();
    List<Report.Row> rows = new ArrayList<>();
    Report report;
    try (BenchEnvironment env = new BenchEnvironment()) {
      env.startBackingServices();
      // the app starts on the empty schema (its Flyway migrations run at start-up), as a new
      // deployment does; the volume is seeded afterwards
      env.startApp();
      log("app ready in %d ms (pid %d); seeding", env.startupMillis, env.appPid());
      long seedStart = System.nanoTime();
      Seeder.Seeded seeded;
      try (Connection c = env.connect()) {
        seeded = Seeder.seed(c);
      }
      long seedMillis = Duration.ofNanos(System.nanoTime() - seedStart).toMillis();
      log(
          "seeded %d citizens, %d policies (%d versions), %d townships, %d applications (%d"
              + " events), %d meal orders (%d items) in %d ms",
          seeded.citizens(),
          seeded.publishedPolicyIds().size(),
          seeded.policyVersions(),
          seeded.townships().size(),
          seeded.applications(),
          seeded.applicationEvents(),
          seeded.mealOrders(),
          seeded.mealOrderItems(),
          seedMillis);
      BenchContext context = new BenchContext(env, seeded);
      LoadRunner runner = new LoadRunner(warmUp, measured);
      for (Scenario scenario : scenarios()) {
        if (!scenario.name().contains(only)) {
          continue;
        }
        scenario.prepare(context);
        log("%s: app, %d clients", scenario.name(), scenario.clients());
        double loadBefore = BenchEnvironment.loadAverage();
        long cpu0 = env.appCpuMillis();
        long db0 = BenchEnvironment.databaseCpuMillis();
        long client0 = BenchEnvironment.loadGeneratorCpuMillis();
        Measurement app = runner.runApp(context, scenario);
        double requests = Math.max(1, app.allRequests);
        double appCpuMsPerRequest = (env.appCpuMillis() - cpu0) / requests;
        double dbCpuMsPerRequest = (BenchEnvironment.databaseCpuMillis() - db0) / requests;
        double clientCpuMsPerRequest =
            (BenchEnvironment.loadGeneratorCpuMillis() - client0) / requests;
        Scenario.Correctness correctness = scenario.check(context, app);
        log("%s: raw SQL, %d clients", scenario.name(), scenario.clients());
        Measurement raw = runner.runRaw(context, scenario);
        double load = (loadBefore + BenchEnvironment.loadAverage()) / 2;
        Report.Row row =
            new Report.Row(
                scenario.name(),
                scenario.clients(),
                app,
                appCpuMsPerRequest,
                dbCpuMsPerRequest,
                clientCpuMsPerRequest,
                raw,
                correctness,
                load);
        log("%s", Report.line(row));
        rows.add(row);
      }
      long rssKib = env.appProcStatusKib("VmRSS:");
      long peakKib = env.appProcStatusKib("VmHWM:");
      report =
          new Report(
              OffsetDateTime.now(ZoneOffset.UTC),
              Runtime.getRuntime().availableProcessors(),
              warmUp,
              measured,
              env.startupMillis,
              rssKib,
              peakKib,
              seeded,
              seedMillis,
              rows,
              Duration.ofNanos(System.nanoTime() - began));
      String text = report.markdown();
      System.out.println();
      System.out.println(text);
      Files.writeString(Path.of("target", "benchmark.md"), text, StandardCharsets.UTF_8);
      assertThat(env.appLog()).contains("Profile prod activated");
    }
    // the benchmark measures; it fails only when a scenario's correctness figure does not hold
    assertThat(rows).allSatisfy(r -> assertThat(r.correctness().ok()).as(r.scenario()).isTrue());
  }

  private static void log(String format, Object... args) {
    System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
  }
}
