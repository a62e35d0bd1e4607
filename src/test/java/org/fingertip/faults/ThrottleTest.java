package org.fingertip.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.junit.jupiter.api.Test;

/**
 * OWASP API6 (unrestricted access to sensitive business flows): a script firing booking attempts or
 * meal orders faster than a person could is throttled per account, whatever address it claims to
 * come from, while other citizens on the same address carry on; a proxy ordering for many elders
 * shares one budget.
 */
@QuarkusTest
class ThrottleTest {

  @ConfigProperty(name = "fingertip.marriage.bookings-per-minute")
  int bookingsPerMinute;

  @ConfigProperty(name = "fingertip.meal.orders-per-minute")
  int ordersPerMinute;

  @Test
  void shouldThrottleABookingScriptPerAccountNotPerAddress() throws Exception {
    String script = Citizens.login().accessToken();
    String neighbour = Citizens.login().accessToken();
    String office = UUID.randomUUID().toString();
    // each attempt claims a different client address: the budget follows the account
    List<Http.Answer> answers =
        burst(
            bookingsPerMinute + 15,
            i ->
                Http.send(
                    "POST",
                    "/api/v1/marriage/appointments",
                    booking(office),
                    Map.of(
                        "Authorization", "Bearer " + script,
                        "X-Forwarded-For", "203.0.113." + (i % 250))));

    assertThrottled(answers, bookingsPerMinute);
    // the other ways to grab a place share the same budget
    assertRateLimited(
        Http.send(
            "POST",
            "/api/v1/marriage/slots/" + UUID.randomUUID() + "/waitlist",
            "{\"service\":\"MARRIAGE\"}",
            Map.of("Authorization", "Bearer " + script)));
    assertRateLimited(
        Http.send(
            "POST",
            "/api/v1/marriage/appointments/" + UUID.randomUUID() + "/reschedule",
            "{\"slotId\":\"" + UUID.randomUUID() + "\"}",
            Map.of("Authorization", "Bearer " + script)));
    // another citizen from the very same address is not affected
    Http.Answer other =
        Http.send(
            "POST",
            "/api/v1/marriage/appointments",
            booking(office),
            Map.of("Authorization", "Bearer " + neighbour, "X-Forwarded-For", "203.0.113.1"));
    assertThat(other.status()).as(other.body()).isNotEqualTo(429).isBetween(400, 499);
  }

  @Test
  void shouldThrottleMealOrdersPerAccountAndAProxyOrderingForManyEldersAsOne() throws Exception {
    Citizens.LoggedIn proxy = Citizens.login();
    Citizens.LoggedIn elder = Citizens.login();
    String canteen = UUID.randomUUID().toString();
    long ordersBefore =
        Db.count(
            "SELECT count(*) FROM meal_order WHERE placed_by = ?", UUID.fromString(proxy.id()));
    // one proxy account ordering for a different elder each time: still one budget
    List<Http.Answer> answers =
        burst(
            ordersPerMinute + 10,
            i ->
                Http.send(
                    "POST",
                    "/api/v1/meals/orders",
                    order(canteen, i == 0 ? elder.id() : UUID.randomUUID().toString()),
                    Map.of(
                        "Authorization", "Bearer " + proxy.accessToken(),
                        "X-Forwarded-For", "198.51.100." + (i % 250))));

    assertThrottled(answers, ordersPerMinute);
    assertRateLimited(
        Http.send(
            "POST",
            "/api/v1/meals/orders/" + UUID.randomUUID() + "/reorder",
            "{\"date\":\"2099-01-02\",\"mealType\":\"LUNCH\"}",
            Map.of("Authorization", "Bearer " + proxy.accessToken())));
    // the elder's own account has its own budget
    Http.Answer own =
        Http.send(
            "POST",
            "/api/v1/meals/orders",
            order(canteen, null),
            Map.of("Authorization", "Bearer " + elder.accessToken()));
    assertThat(own.status()).as(own.body()).isNotEqualTo(429).isBetween(400, 499);
    assertThat(
            Db.count(
                "SELECT count(*) FROM meal_order WHERE placed_by = ?", UUID.fromString(proxy.id())))
        .isEqualTo(ordersBefore);
  }

  /** Fires {@code n} requests from 8 threads at once and returns every answer. */
  private static List<Http.Answer> burst(int n, IntFunction<Http.Answer> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Http.Answer>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        calls.add(() -> request.apply(index));
      }
      List<Http.Answer> answers = new ArrayList<>();
      for (Future<Http.Answer> f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
        answers.add(f.get());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Exactly {@code limit} attempts reach the service; every other one is a 429 problem. */
  private static void assertThrottled(List<Http.Answer> answers, int limit) {
    List<Http.Answer> limited = answers.stream().filter(a -> a.status() == 429).toList();
    List<Http.Answer> passed = answers.stream().filter(a -> a.status() != 429).toList();
    assertThat(passed).as("attempts let through in the window").hasSize(limit);
    assertThat(passed).allSatisfy(a -> assertThat(a.status()).as(a.body()).isBetween(400, 499));
    assertThat(limited).hasSize(answers.size() - limit);
    limited.forEach(ThrottleTest::assertRateLimited);
  }

  private static void assertRateLimited(Http.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(429);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body()).contains("\"code\":\"RATE_LIMITED\"");
    assertThat(answer.retryAfter()).isNotNull();
    assertThat(Long.parseLong(answer.retryAfter())).isBetween(1L, 60L);
  }

  private static String booking(String office) {
    return "{\"officeId\":\""
        + office
        + "\",\"slotId\":\""
        + UUID.randomUUID()
        + "\",\"service\":\"MARRIAGE\",\"partner\":{\"realName\":\"林小雨\",\"idNumber\":\""
        + "32130219900520002X\"}}";
  }

  private static String order(String canteen, String forCitizen) {
    return "{\"canteenId\":\""
        + canteen
        + "\",\"date\":\"2099-01-01\",\"mealType\":\"LUNCH\",\"items\":[{\"dishId\":\""
        + UUID.randomUUID()
        + "\",\"quantity\":1}],\"fulfilment\":\"PICKUP\""
        + (forCitizen == null ? "" : ",\"forCitizenId\":\"" + forCitizen + "\"")
        + "}";
  }
}
