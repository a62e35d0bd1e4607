package org.fingertip.bench;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/** The one table the benchmark prints and writes to target/benchmark.md. */
record Report(
    OffsetDateTime finishedAt,
    int cpus,
    Duration warmUp,
    Duration measured,
    long startupMillis,
    long rssKib,
    long peakRssKib,
    Seeder.Seeded seeded,
    long seedMillis,
    List<Row> rows,
    Duration total) {

  record Row(
      String scenario,
      int clients,
      Measurement app,
      double appCpuMsPerRequest,
      double dbCpuMsPerRequest,
      double clientCpuMsPerRequest,
      Measurement raw,
      Scenario.Correctness correctness,
      double loadAverage) {

    double ratio() {
      return app.throughput() / raw.throughput();
    }
  }

  static String line(Row r) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %d | %.0f | %.1f | %.1f | %s | %.2f | %.2f | %.2f | %.0f | %.1f | %.2f | %.1f |"
            + " %s%s |",
        r.scenario(),
        r.clients(),
        r.app().count(),
        r.app().throughput(),
        r.app().percentileMillis(0.50),
        r.app().percentileMillis(0.99),
        r.app().outcomeText(),
        r.appCpuMsPerRequest(),
        r.dbCpuMsPerRequest(),
        r.clientCpuMsPerRequest(),
        r.raw().throughput(),
        r.raw().percentileMillis(0.99),
        r.ratio(),
        r.loadAverage(),
        r.correctness().ok() ? "OK: " : "FAILED: ",
        r.correctness().figure());
  }

  String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("## Benchmark run ").append(finishedAt.withNano(0)).append("\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "%d CPUs visible to the JVM, shared by the app, PostgreSQL and the load generator (not"
                + " pinned): absolute figures are a lower bound, compare the app/raw ratios.%n"
                + "Per scenario and side: %d s warm-up (the lunch rush: 40 s on other meals of its"
                + " canteen, none on its raw side, so both measured periods start on an unsold"
                + " lunch), then %d s measured, closed loop (each"
                + " client sends its next request when the previous answered). requests, req/s and"
                + " percentiles count only requests started in the measured period; status counts"
                + " likewise. app CPU ms/req: user+system CPU of the app process over the whole app"
                + " run (warm-up included) per request, a figure the other load on the machine"
                + " hardly moves; db CPU ms/req and client CPU ms/req: the same for PostgreSQL (all"
                + " its processes) and for the load generator (this JVM: HTTP client, token"
                + " minting), so app + db + client is what one request costs the 2 cores. load avg: the machine's 1-minute load average around the app run"
                + " (2 cores), mean of the values before the app run and after the raw run.%n%n",
            cpus,
            warmUp.toSeconds(),
            measured.toSeconds()));
    sb.append(
        String.format(
            Locale.ROOT,
            "Seed: %,d citizens, %,d published policies (%,d versions, search vectors from"
                + " ChineseTokenizer), %,d townships, %,d applications (%,d events) over a year,"
                + " %,d meal orders (%,d items) at %,d canteens over %d days; seeded in %.1f s.%n%n",
            seeded.citizens(),
            seeded.publishedPolicyIds().size(),
            seeded.policyVersions(),
            seeded.townships().size(),
            seeded.applications(),
            seeded.applicationEvents(),
            seeded.mealOrders(),
            seeded.mealOrderItems(),
            seeded.canteens(),
            seeded.mealDays(),
            seedMillis / 1000.0));
    sb.append(
        "| scenario | clients | requests | req/s | p50 ms | p99 ms | app status counts |"
            + " app CPU ms/req | db CPU ms/req | client CPU ms/req | raw SQL req/s | raw p99 ms | app/raw | load avg | correctness |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    rows.forEach(r -> sb.append(line(r)).append('\n'));
    sb.append('\n');
    sb.append(
        String.format(
            Locale.ROOT,
            "Start-up to first 200 of /q/health/ready: %d ms (packaged app, prod profile, Flyway"
                + " migrations on an empty database included).%n"
                + "App RSS after the run: %d MiB (peak %d MiB), -Xmx614m -XX:+UseParallelGC.%n"
                + "Whole run: %.1f min.%n",
            startupMillis,
            rssKib / 1024,
            peakRssKib / 1024,
            total.toSeconds() / 60.0));
    return sb.toString();
  }
}
