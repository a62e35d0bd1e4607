package org.fingertip.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.fingertip.identity.IdNumber;
import org.fingertip.support.Citizens;
import org.fingertip.support.Db;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on the JSON body of every creating route: a seeded random generator starts from a
 * valid body and breaks it in at least one way that must be refused (a field invalid for its kind,
 * a wrong JSON type, a required field missing, an unknown property, or a body that is not JSON at
 * all), and adds nasty but well-typed values elsewhere (emoji, control characters, huge numbers,
 * extreme dates). Every answer must be a 4xx problem with a code, and no table may gain a row.
 *
 * <p>jqwik runs properties on its own JUnit Platform engine, outside {@code @QuarkusTest}'s Jupiter
 * extension (the app would not be started), so the generator is written here and seeded: {@code
 * -Dfuzz.seed=…} replays a run, {@code -Dfuzz.cases=…} sets the cases per route.
 *
 * <p>Which routes: every POST, PUT and PATCH with a JSON body in the app's own OpenAPI document
 * ({@code /q/openapi}, which {@code OpenApiContractTest} keeps equal to {@code
 * openapi/fingertip.yaml}). Routes hand-written in {@link #routes} come with a meaningful valid
 * body (real ids, region codes, ID numbers); every other creating route is fuzzed from its OpenAPI
 * schema ({@link #fromOpenApi}): a body built from the schema's types, formats, enums and bounds,
 * broken only in ways the schema says must be refused (wrong JSON type, invalid enum, date, time or
 * UUID, out of declared bounds, a required member missing, an unknown member, not JSON). A new
 * route is therefore fuzzed the day it is added; a hand-written one may be added for deeper cases.
 */
@QuarkusTest
class HostileInputTest {

  private static final long SEED = Long.getLong("fuzz.seed", 20261122L);
  private static final int CASES = Integer.getInteger("fuzz.cases", 25);
  private static final ObjectMapper JSON =
      new ObjectMapper(
          com.fasterxml.jackson.core.JsonFactory.builder()
              .streamWriteConstraints(
                  com.fasterxml.jackson.core.StreamWriteConstraints.builder()
                      .maxNestingDepth(1_000_000)
                      .build())
              .build());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Every table a creating route of this branch may write to. */
  private static final List<String> TABLES =
      List.of(
          "region",
          "calendar_day",
          "idempotency_record",
          "citizen",
          "staff",
          "refresh_token",
          "proxy",
          "proxy_action",
          "pii_access_log",
          "policy",
          "policy_version",
          "policy_standard",
          "policy_synonym",
          "eligibility_rule",
          "notification_outbox",
          "inbox_message",
          "household_profile",
          "application",
          "application_event",
          "document",
          "application_document",
          "public_notice_objection",
          "marriage_office",
          "marriage_slot_template",
          "marriage_special_day",
          "marriage_appointment",
          "marriage_divorce_application",
          "marriage_waitlist",
          "meal_canteen",
          "meal_dish",
          "meal_menu_item",
          "meal_elder_profile",
          "meal_order",
          "meal_order_item",
          "meal_subsidy_use",
          "meal_donation",
          "meal_donation_allocation");

  /** What a field holds, which decides how it is broken. */
  enum Kind {
    TEXT,
    ID_NUMBER,
    DATE,
    ENUM,
    LONG,
    INT,
    REGION,
    LIST,
    UUID_TEXT,
    TIME,
    /** Numbers, booleans, maps: only a wrong JSON type is sure to be refused. */
    OTHER
  }

  /**
   * A body field: JSON path ({@code members[0].age}), kind, bounds (min/max list size, max text
   * length, the range for INT) and whether it is required.
   */
  record Field(String path, Kind kind, int min, int max, boolean required) {
    static Field text(String path, int max, boolean required) {
      return new Field(path, Kind.TEXT, 0, max, required);
    }

    static Field of(String path, Kind kind, boolean required) {
      return new Field(path, kind, 0, 0, required);
    }
  }

  /** A creating route: how to call it, a valid body, and its fields. */
  record Route(
      String method, String path, Supplier<String> token, String validBody, List<Field> fields) {
    String name() {
      return method + " " + path;
    }
  }

  private static List<Route> routes(String admin, String citizen, String unbound, long policyId) {
    Supplier<String> asAdmin = () -> admin;
    Supplier<String> asCitizen = () -> citizen;
    Supplier<String> anonymous = () -> null;
    String relative = Citizens.idNumber("321302", LocalDate.of(1948, 3, 12), IdNumber.Sex.FEMALE);
    String own = Citizens.idNumber("321302", LocalDate.of(1985, 7, 1), IdNumber.Sex.MALE);
    String unknownId = UUID.randomUUID().toString();
    List<Route> routes = new ArrayList<>();
    // platform
    routes.add(
        new Route(
            "POST",
            "/api/v1/admin/regions",
            asAdmin,
            "{\"code\":\"321302001888\",\"name\":\"模糊测试村\",\"parentCode\":\"321302001\"}",
            List.of(
                Field.of("code", Kind.REGION, true),
                Field.text("name", 64, true),
                Field.of("parentCode", Kind.REGION, false))));
    routes.add(
        new Route(
            "PUT",
            "/api/v1/admin/calendar/2099",
            asAdmin,
            "{\"days\":[{\"date\":\"2099-01-01\",\"kind\":\"HOLIDAY\",\"name\":\"元旦\"}]}",
            List.of(
                new Field("days", Kind.LIST, 0, 80, true),
                Field.of("days[0].date", Kind.DATE, true),
                Field.of("days[0].kind", Kind.ENUM, true),
                Field.text("days[0].name", 32, true))));
    // identity
    routes.add(
        new Route(
            "PUT",
            "/api/v1/me/identity",
            () -> unbound,
            "{\"realName\":\"李建国\",\"idNumber\":\"" + own + "\",\"phone\":\"13800001234\"}",
            List.of(
                Field.text("realName", 60, true),
                Field.of("idNumber", Kind.ID_NUMBER, true),
                Field.text("phone", 20, true))));
    routes.add(
        new Route(
            "POST",
            "/api/v1/me/proxies",
            asCitizen,
            "{\"realName\":\"王秀英\",\"idNumber\":\""
                + relative
                + "\",\"relation\":\"PARENT\",\"scopes\":[\"VIEW_STATUS\"],\"regionCode\":\"321302\"}",
            List.of(
                Field.text("realName", 60, true),
                Field.of("idNumber", Kind.ID_NUMBER, true),
                Field.of("relation", Kind.ENUM, true),
                Field.of("scopes[0]", Kind.ENUM, false),
                Field.of("regionCode", Kind.REGION, false))));
    for (String method : List.of("POST /accept", "PUT /scopes")) {
      String[] parts = method.split(" ");
      routes.add(
          new Route(
              parts[0],
              "/api/v1/me/proxies/" + unknownId + parts[1],
              asCitizen,
              "{\"scopes\":[\"VIEW_STATUS\",\"ORDER_MEALS\"]}",
              List.of(Field.of("scopes[0]", Kind.ENUM, false))));
    }
    routes.add(
        new Route(
            "POST",
            "/api/v1/staff/proxies/" + unknownId + "/verify",
            asAdmin,
            "{\"scopes\":[\"APPLY_ASSISTANCE\"]}",
            List.of(Field.of("scopes[0]", Kind.ENUM, false))));
    routes.add(
        new Route(
            "POST",
            "/api/v1/auth/dev-login",
            anonymous,
            "{\"openid\":\"fuzz-openid\",\"unionid\":\"fuzz-unionid\"}",
            List.of(Field.text("openid", 64, true), Field.text("unionid", 64, false))));
    for (String path : List.of("/api/v1/auth/wechat/mini-program", "/api/v1/auth/wechat/app")) {
      routes.add(
          new Route(
              "POST",
              path,
              anonymous,
              "{\"code\":\"fuzz-code\"}",
              List.of(Field.text("code", 128, true))));
    }
    for (String path : List.of("/api/v1/auth/refresh", "/api/v1/auth/logout")) {
      routes.add(
          new Route(
              "POST",
              path,
              anonymous,
              "{\"refreshToken\":\"fuzz-token\"}",
              List.of(Field.text("refreshToken", 128, true))));
    }
    routes.add(
        new Route(
            "POST",
            "/api/v1/auth/staff",
            anonymous,
            "{\"username\":\"fuzz-nobody\",\"password\":\"fuzz-password\"}",
            List.of(Field.text("username", 64, true), Field.text("password", 128, true))));
    // policy
    String policy =
        "{\"title\":\"模糊测试政策\",\"summary\":\"摘要\",\"body\":\"正文\",\"category\":\"SOCIAL_ASSISTANCE\","
            + "\"issuingBody\":\"宿城区民政局\",\"documentNumber\":\"宿城民发〔2026〕1号\","
            + "\"regionCode\":\"321302\",\"effectiveFrom\":\"2026-01-01\",\"effectiveTo\":null}";
    List<Field> policyFields =
        List.of(
            Field.text("title", 200, true),
            Field.text("summary", 1000, true),
            Field.text("category", 32, true),
            Field.text("issuingBody", 100, true),
            Field.text("documentNumber", 64, false),
            Field.of("regionCode", Kind.REGION, true),
            Field.of("effectiveFrom", Kind.DATE, true),
            Field.of("effectiveTo", Kind.DATE, false));
    routes.add(new Route("POST", "/api/v1/admin/policies", asAdmin, policy, policyFields));
    routes.add(
        new Route("PUT", "/api/v1/admin/policies/" + policyId, asAdmin, policy, policyFields));
    routes.add(
        new Route(
            "POST",
            "/api/v1/admin/policies/999999999/publish",
            asAdmin,
            "{\"changeNote\":\"提标\"}",
            List.of(Field.text("changeNote", 500, false))));
    routes.add(
        new Route(
            "POST",
            "/api/v1/admin/standards",
            asAdmin,
            "{\"regionCode\":\"321302\",\"type\":\"DIBAO_MONTHLY\",\"amountFen\":88800,\"factor\":null,"
                + "\"effectiveFrom\":\"2031-01-01\",\"policyId\":"
                + policyId
                + ",\"note\":\"模糊测试\"}",
            List.of(
                Field.of("regionCode", Kind.REGION, true),
                Field.of("type", Kind.ENUM, true),
                Field.of("amountFen", Kind.LONG, false),
                Field.of("effectiveFrom", Kind.DATE, true),
                Field.of("policyId", Kind.LONG, true),
                Field.text("note", 200, false))));
    routes.add(
        new Route(
            "POST",
            "/api/v1/admin/eligibility-rules",
            asAdmin,
            "{\"regionCode\":\"321302\",\"itemCode\":\"FUZZ_ITEM\",\"itemName\":\"模糊测试补贴\","
                + "\"scope\":\"HOUSEHOLD\",\"conditions\":[\"household.size >= 1\"],"
                + "\"amountFormula\":\"100\",\"description\":\"测试\","
                + "\"effectiveFrom\":\"2031-01-01\",\"policyId\":"
                + policyId
                + "}",
            List.of(
                Field.of("regionCode", Kind.REGION, true),
                Field.text("itemName", 64, true),
                Field.of("scope", Kind.ENUM, true),
                new Field("conditions", Kind.LIST, 1, 20, true),
                Field.text("conditions[0]", 200, true),
                Field.text("amountFormula", 200, true),
                Field.text("description", 500, true),
                Field.of("effectiveFrom", Kind.DATE, true),
                Field.of("policyId", Kind.LONG, true))));
    routes.add(
        new Route(
            "POST",
            "/api/v1/admin/policy-synonyms",
            asAdmin,
            "{\"term\":\"模糊\",\"expansion\":\"测试\"}",
            List.of(Field.text("term", 32, true), Field.text("expansion", 32, true))));
    routes.add(
        new Route(
            "POST",
            "/api/v1/eligibility/check",
            anonymous,
            "{\"region\":\"321302\",\"date\":\"2026-06-01\",\"members\":[{\"age\":40,"
                + "\"disabilityGrade\":0,\"monthlyIncomeFen\":50000,\"careDependency\":\"NONE\"}],"
                + "\"otherMonthlyIncomeFen\":0,\"assetsFen\":0,"
                + "\"rigidExpenses\":{\"medicalMonthlyFen\":0,\"schoolingMonthlyFen\":0}}",
            List.of(
                Field.of("region", Kind.REGION, true),
                Field.of("date", Kind.DATE, false),
                new Field("members", Kind.LIST, 1, 20, true),
                new Field("members[0].age", Kind.INT, 0, 150, false),
                new Field("members[0].disabilityGrade", Kind.INT, 0, 4, false),
                Field.of("members[0].monthlyIncomeFen", Kind.LONG, false),
                Field.of("members[0].careDependency", Kind.ENUM, false),
                Field.of("otherMonthlyIncomeFen", Kind.LONG, false),
                Field.of("assetsFen", Kind.LONG, false),
                Field.of("rigidExpenses.medicalMonthlyFen", Kind.LONG, false))));
    // self-application, marriage and meals (merged after this test was written)
    routes.add(
        new Route(
            "POST",
            "/api/v1/applications",
            asCitizen,
            "{\"itemCode\":\"NO_SUCH_ITEM\",\"regionCode\":\"321302001\",\"form\":{\"reason\":\"测试\"},"
                + "\"household\":[{\"relation\":\"SELF\",\"realName\":\"赵敏\",\"idNumber\":\""
                + own
                + "\",\"monthlyIncomeFen\":0,\"disability\":\"NONE\",\"workAbility\":\"PARTIAL\"}]}",
            List.of(
                Field.text("itemCode", 40, true),
                Field.of("regionCode", Kind.REGION, true),
                Field.of("household[0].idNumber", Kind.ID_NUMBER, false),
                Field.of("household[0].monthlyIncomeFen", Kind.LONG, false),
                Field.of("household[0].relation", Kind.ENUM, false))));
    routes.add(
        new Route(
            "POST",
            "/api/v1/marriage/appointments",
            asCitizen,
            "{\"officeId\":\""
                + unknownId
                + "\",\"slotId\":\""
                + unknownId
                + "\",\"service\":\"MARRIAGE\",\"partner\":{\"realName\":\"林小雨\",\"idNumber\":\""
                + relative
                + "\"}}",
            List.of(
                Field.text("officeId", 36, true),
                Field.text("slotId", 36, true),
                Field.of("service", Kind.ENUM, true),
                Field.text("partner.realName", 60, true),
                Field.of("partner.idNumber", Kind.ID_NUMBER, true))));
    routes.add(
        new Route(
            "POST",
            "/api/v1/meals/orders",
            asCitizen,
            "{\"canteenId\":\""
                + unknownId
                + "\",\"date\":\"2099-01-01\",\"mealType\":\"LUNCH\",\"items\":[{\"dishId\":\""
                + unknownId
                + "\",\"quantity\":1}],\"fulfilment\":\"PICKUP\"}",
            List.of(
                Field.text("canteenId", 36, true),
                Field.of("date", Kind.DATE, true),
                Field.of("mealType", Kind.ENUM, true),
                new Field("items", Kind.LIST, 1, 20, true),
                new Field("items[0].quantity", Kind.INT, 1, 20, true),
                Field.of("fulfilment", Kind.ENUM, true))));
    routes.add(
        new Route(
            "POST",
            "/api/v1/meals/donations",
            asCitizen,
            "{\"regionCode\":\"371402\",\"meals\":2,\"amountPerMealFen\":500,\"donorName\":\"测试捐赠人\"}",
            List.of(
                Field.of("regionCode", Kind.REGION, true),
                new Field("meals", Kind.INT, 1, 10_000, true),
                Field.of("amountPerMealFen", Kind.LONG, true),
                Field.text("donorName", 64, false))));
    return routes;
  }

  @Test
  void shouldRefuseHostileBodiesWith4xxProblemsAndStoreNothing() throws Exception {
    String admin = Tokens.admin();
    String citizen =
        Citizens.verified("赵敏", LocalDate.of(1975, 4, 2), IdNumber.Sex.FEMALE).accessToken();
    String unbound = Citizens.login().accessToken();
    long policyId = Db.count("SELECT coalesce(min(id), 1) FROM policy");
    List<Route> handWritten = routes(admin, citizen, unbound, policyId);
    JsonNode api = JSON.readTree(Http.get("/q/openapi?format=json").body());
    List<Operation> operations = creatingOperations(api);
    assertThat(operations).as("creating routes in /q/openapi").hasSizeGreaterThan(30);

    List<Route> routes = new ArrayList<>(handWritten);
    List<String> stale = new ArrayList<>();
    for (Route route : handWritten) {
      if (operations.stream().noneMatch(op -> op.matches(route))) {
        stale.add(route.name());
      }
    }
    assertThat(stale).as("hand-written routes that are not in the OpenAPI document").isEmpty();
    List<String> generated = new ArrayList<>();
    for (Operation op : operations) {
      if (handWritten.stream().noneMatch(op::matches)) {
        Supplier<String> token =
            op.roles().isEmpty()
                ? () -> null
                : op.roles().contains("citizen") ? freshCitizen() : () -> admin;
        routes.add(fromOpenApi(api, op, token));
        generated.add(op.method() + " " + op.template());
      }
    }
    for (Operation op : operations) {
      assertThat(routes.stream().anyMatch(op::matches))
          .as("%s %s is fuzzed", op.method(), op.template())
          .isTrue();
    }

    Map<String, Long> before = counts();
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (Route route : routes) {
      for (int i = 0; i < CASES; i++) {
        String body = hostile(route, random);
        Map<String, String> headers = new LinkedHashMap<>();
        String token = route.token().get();
        if (token != null) {
          headers.put("Authorization", "Bearer " + token);
        }
        Http.Answer answer = Http.send(route.method(), route.path(), body, headers);
        sent++;
        boolean problem =
            answer.status() >= 400
                && answer.status() < 500
                && answer.contentType() != null
                && answer.contentType().startsWith("application/problem+json")
                && answer.body().contains("\"code\":\"");
        if (!problem && failures.size() < 15) {
          failures.add(
              route.name()
                  + " → "
                  + answer.status()
                  + " "
                  + abbreviate(answer.body())
                  + "\n    body: "
                  + abbreviate(body));
        }
      }
    }
    assertThat(failures)
        .as(
            "seed %d: every hostile body gets a 4xx problem with a code (schema-driven: %s)",
            SEED, generated)
        .isEmpty();
    assertThat(sent).isEqualTo(routes.size() * CASES);
    assertThat(counts()).as("seed %d: nothing new in the database", SEED).isEqualTo(before);
  }

  // ---- routes from the OpenAPI document -----------------------------------------------------

  /** A creating operation: method, path template, its OpenAPI operation object, allowed roles. */
  record Operation(String method, String template, JsonNode definition, List<String> roles) {
    boolean matches(Route route) {
      String regex = "\\Q" + template.replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
      return method.equals(route.method()) && route.path().matches(regex);
    }
  }

  /** Every POST, PUT and PATCH whose request body may be JSON. */
  static List<Operation> creatingOperations(JsonNode api) {
    List<Operation> operations = new ArrayList<>();
    api.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                          JsonNode schema =
                              op.getValue()
                                  .path("requestBody")
                                  .path("content")
                                  .path("application/json")
                                  .path("schema");
                          if (List.of("POST", "PUT", "PATCH").contains(method)
                              && !schema.isMissingNode()) {
                            List<String> roles = new ArrayList<>();
                            op.getValue()
                                .path("security")
                                .forEach(
                                    sec ->
                                        sec.elements()
                                            .forEachRemaining(
                                                list -> list.forEach(r -> roles.add(r.asText()))));
                            operations.add(
                                new Operation(method, path.getKey(), op.getValue(), roles));
                          }
                        }));
    return operations;
  }

  /**
   * A fresh real-name citizen per route, so per-account throttles do not hide the answers; made
   * before the database is counted.
   */
  private static Supplier<String> freshCitizen() {
    String token =
        Citizens.verified("钱桂芳", LocalDate.of(1958, 10, 3), IdNumber.Sex.FEMALE).accessToken();
    return () -> token;
  }

  /**
   * A route fuzzed from its schema: path parameters filled with values of the right shape that name
   * nothing (a random UUID, year 2099, a far date), a body built from the schema, its fields.
   */
  static Route fromOpenApi(JsonNode api, Operation op, Supplier<String> token) {
    Map<String, JsonNode> parameters = new LinkedHashMap<>();
    op.definition().path("parameters").forEach(p -> parameters.put(p.path("name").asText(), p));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.template());
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      JsonNode schema =
          resolve(api, parameters.getOrDefault(name, NODES.objectNode()).path("schema"));
      String value =
          switch (name) {
            case "year" -> "2099";
            case "date" -> "2099-01-01";
            case "mealType" -> "LUNCH";
            default ->
                schema.path("type").asText().equals("integer")
                    ? "999999999"
                    : UUID.randomUUID().toString();
          };
      m.appendReplacement(path, value);
    }
    m.appendTail(path);
    JsonNode bodySchema =
        op.definition().path("requestBody").path("content").path("application/json").path("schema");
    List<Field> fields = new ArrayList<>();
    JsonNode body = sample(api, bodySchema, "", fields, 0);
    return new Route(op.method(), path.toString(), token, body.toString(), fields);
  }

  private static JsonNode resolve(JsonNode api, JsonNode schema) {
    JsonNode current = schema;
    for (int i = 0; i < 10 && current.has("$ref"); i++) {
      String ref = current.path("$ref").asText();
      current = api.at(ref.substring(1));
    }
    if (current.has("allOf") && current.path("allOf").size() == 1) {
      return resolve(api, current.path("allOf").get(0));
    }
    return current;
  }

  private static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!"null".equals(t.asText())) {
          return t.asText();
        }
      }
    }
    if (type.isMissingNode() && schema.has("properties")) {
      return "object";
    }
    return type.asText();
  }

  /** A valid-looking value for the schema; its fields (under {@code prefix}) go to {@code out}. */
  private static JsonNode sample(
      JsonNode api, JsonNode raw, String prefix, List<Field> out, int depth) {
    JsonNode schema = resolve(api, raw);
    String type = type(schema);
    if (schema.has("enum")) {
      return schema.path("enum").get(0);
    }
    switch (type) {
      case "object" -> {
        ObjectNode object = NODES.objectNode();
        if (depth > 3 || !schema.has("properties")) {
          return object;
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        schema
            .path("properties")
            .fields()
            .forEachRemaining(
                p -> {
                  String name = p.getKey();
                  String fieldPath = prefix + name;
                  JsonNode property = resolve(api, p.getValue());
                  boolean mandatory = required.contains(name);
                  String kind = type(property);
                  if (property.has("enum")) {
                    out.add(Field.of(fieldPath, Kind.ENUM, mandatory));
                  } else {
                    switch (kind) {
                      case "string" -> {
                        String format = property.path("format").asText();
                        out.add(
                            switch (format) {
                              case "date", "date-time" -> Field.of(fieldPath, Kind.DATE, mandatory);
                              case "uuid" -> Field.of(fieldPath, Kind.UUID_TEXT, mandatory);
                              case "local-time" -> Field.of(fieldPath, Kind.TIME, mandatory);
                              default ->
                                  new Field(
                                      fieldPath,
                                      Kind.TEXT,
                                      0,
                                      property.path("maxLength").asInt(-1),
                                      mandatory);
                            });
                      }
                      case "integer" ->
                          out.add(
                              property.has("minimum") && property.has("maximum")
                                  ? new Field(
                                      fieldPath,
                                      Kind.INT,
                                      property.path("minimum").asInt(),
                                      property.path("maximum").asInt(),
                                      mandatory)
                                  : Field.of(fieldPath, Kind.LONG, mandatory));
                      case "array" ->
                          out.add(
                              new Field(
                                  fieldPath,
                                  Kind.LIST,
                                  property.path("minItems").asInt(0),
                                  property.path("maxItems").asInt(-1),
                                  mandatory));
                      default -> out.add(Field.of(fieldPath, Kind.OTHER, mandatory));
                    }
                  }
                  String nested = "array".equals(kind) ? fieldPath + "[0]." : fieldPath + ".";
                  object.set(name, sample(api, p.getValue(), nested, out, depth + 1));
                });
        return object;
      }
      case "array" -> {
        ArrayNode array = NODES.arrayNode();
        JsonNode items = resolve(api, schema.path("items"));
        // fields of the first element only when it is an object (its path ends with "[0].")
        List<Field> itemFields = "object".equals(type(items)) ? out : new ArrayList<>();
        array.add(sample(api, schema.path("items"), prefix, itemFields, depth + 1));
        return array;
      }
      case "string" -> {
        return switch (schema.path("format").asText()) {
          case "date" -> NODES.textNode("2099-01-01");
          case "date-time" -> NODES.textNode("2099-01-01T09:00:00+08:00");
          case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
          case "local-time" -> NODES.textNode("09:00");
          default ->
              NODES.textNode("测试" + "文".repeat(Math.max(0, schema.path("minLength").asInt(0) - 2)));
        };
      }
      case "integer", "number" -> {
        return NODES.numberNode(schema.has("minimum") ? schema.path("minimum").asLong() : 1);
      }
      case "boolean" -> {
        return NODES.booleanNode(false);
      }
      default -> {
        return NODES.objectNode();
      }
    }
  }

  // ---- the generator ---------------------------------------------------------------------

  private static String hostile(Route route, Random random) throws Exception {
    int mode = random.nextInt(10);
    if (mode == 0) {
      return garbage(route.validBody(), random);
    }
    ObjectNode body = (ObjectNode) JSON.readTree(route.validBody());
    List<Field> fields = route.fields();
    if (fields.isEmpty()) {
      return mode < 5 ? garbage(route.validBody(), random) : "{\"unexpected\":" + deep(40) + "}";
    }
    Field target = fields.get(random.nextInt(fields.size()));
    // nasty but well-typed values on other fields first, so the breaking change below stays
    for (int n = random.nextInt(3); n > 0; n--) {
      Field other = fields.get(random.nextInt(fields.size()));
      if (other != target && other.kind() != Kind.LIST && !other.path().startsWith(target.path())) {
        set(body, other.path(), nasty(other, random));
      }
    }
    switch (mode) {
      case 1, 2, 3, 4 -> set(body, target.path(), invalid(target, random));
      case 5, 6 -> set(body, target.path(), wrongType(target, random));
      case 7 -> {
        List<Field> required = fields.stream().filter(Field::required).toList();
        if (required.isEmpty()) {
          body.set("unexpected", deep(random.nextInt(3000) + 1));
        } else {
          Field missing = required.get(random.nextInt(required.size()));
          if (random.nextBoolean()) {
            set(body, missing.path(), NODES.nullNode());
          } else {
            remove(body, missing.path());
          }
        }
      }
      default -> body.set(nastyText(random, 1 + random.nextInt(40)), unknownValue(random));
    }
    return JSON.writeValueAsString(body);
  }

  /** A value the field's kind forbids (by annotation, by the service's rules, or by type). */
  private static JsonNode invalid(Field field, Random random) {
    return switch (field.kind()) {
      case OTHER -> wrongType(field, random);
      case UUID_TEXT ->
          NODES.textNode(
              pick(
                  random, "not-a-uuid", "", "12345", "😀", "00000000-0000-0000-0000-00000000000g"));
      case TIME -> NODES.textNode(pick(random, "25:00", "9点", "12:60", "", "noon", "😀"));
      case TEXT -> {
        if (field.max() < 0) {
          // no declared bound: only a wrong type is sure to be refused
          yield wrongType(field, random);
        }
        if (field.required() && random.nextBoolean()) {
          yield NODES.textNode(pick(random, "", " ", "\t\n", "\u3000"));
        }
        yield NODES.textNode(nastyText(random, field.max() + 1 + random.nextInt(5000)));
      }
      case ID_NUMBER ->
          NODES.textNode(
              pick(
                  random,
                  "32130219850701001X",
                  "321302198507010",
                  "32130219990230001" + "5",
                  "000000198507010013",
                  "3213022099070100" + "17",
                  "32130219850701００１3",
                  "ＡＢＣ" + "😀".repeat(10),
                  "3213021985070100" + "1\u0000",
                  "9".repeat(33)));
      case DATE ->
          NODES.textNode(
              pick(
                  random,
                  "2026-02-30",
                  "2026-13-01",
                  "2026-1-1",
                  "20260101",
                  "明天",
                  "2026-01-01T25:00",
                  "",
                  "0000-00-00",
                  "😀"));
      case ENUM -> NODES.textNode(pick(random, "NOT_A_VALUE", "", "😀", "ＨＯＬＩＤＡＹ", "\u0000"));
      case LONG ->
          random.nextBoolean()
              ? NODES.numberNode(new BigInteger("9".repeat(20 + random.nextInt(400))))
              : NODES.textNode(pick(random, "一百", "12abc", "0x10", "NaN", "∞"));
      case INT ->
          switch (random.nextInt(3)) {
            case 0 -> NODES.numberNode(field.min() - 1 - random.nextInt(1000));
            case 1 -> NODES.numberNode(field.max() + 1 + random.nextInt(1000));
            default -> NODES.numberNode(2_147_483_648L + random.nextInt(1000));
          };
      case REGION ->
          NODES.textNode(
              pick(random, "32130", "3213021", "abcdef", "３２１３０２", "321302\n", "😀😀😀", "-32130"));
      case LIST -> {
        if (field.min() > 0 && random.nextBoolean()) {
          yield NODES.arrayNode();
        }
        if (field.max() < 0) {
          yield wrongType(field, random);
        }
        ArrayNode list = NODES.arrayNode();
        for (int i = 0; i <= field.max() + random.nextInt(50); i++) {
          list.add(random.nextBoolean() ? NODES.numberNode(i) : NODES.objectNode().put("😀", i));
        }
        yield list;
      }
    };
  }

  /** A JSON type the field cannot be bound from. */
  private static JsonNode wrongType(Field field, Random random) {
    int choice =
        random.nextInt(
            field.kind() == Kind.TEXT || field.kind() == Kind.LIST || field.kind() == Kind.OTHER
                ? 2
                : 4);
    return switch (choice) {
      case 0 -> NODES.objectNode().set("\u0000" + nastyText(random, 5), deep(random.nextInt(50)));
      case 1 ->
          field.kind() == Kind.LIST
              ? NODES.textNode(nastyText(random, 10))
              : NODES.arrayNode().add(1).add("二");
      case 2 -> NODES.textNode(nastyText(random, 1 + random.nextInt(30)));
      default -> NODES.booleanNode(random.nextBoolean());
    };
  }

  /** Well-typed but unfriendly: emoji, control characters, extremes. May be valid or not. */
  private static JsonNode nasty(Field field, Random random) {
    return switch (field.kind()) {
      case TEXT, ID_NUMBER, REGION, ENUM, UUID_TEXT, TIME ->
          NODES.textNode(nastyText(random, 1 + random.nextInt(Math.max(2, field.max()))));
      case OTHER -> NODES.nullNode();
      case DATE ->
          NODES.textNode(
              pick(random, "+999999999-12-31", "-999999999-01-01", "0000-01-01", "9999-12-31"));
      case LONG -> NODES.numberNode(random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
      case INT -> NODES.numberNode(random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE);
      case LIST -> NODES.arrayNode();
    };
  }

  private static JsonNode unknownValue(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> deep(500 + random.nextInt(3000));
      case 1 -> NODES.textNode(nastyText(random, 100_000));
      case 2 -> NODES.numberNode(new BigInteger("-" + "9".repeat(1000)));
      default -> NODES.nullNode();
    };
  }

  /** Not a JSON object the route can read: broken, wrong top-level type, or not JSON at all. */
  private static String garbage(String valid, Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> valid.substring(0, random.nextInt(valid.length()));
      case 1 -> "[".repeat(2000 + random.nextInt(100_000));
      case 2 -> "{\"a\":".repeat(2000 + random.nextInt(20_000));
      case 3 -> pick(random, "[]", "\"文本\"", "12345678901234567890123", "true", "null");
      case 4 -> "";
      case 5 -> nastyText(random, 1 + random.nextInt(2000));
      case 6 -> valid.replace(":", ": 1e99999999 ,");
      case 7 -> "\uFEFF" + valid.replace("\"", "'");
      case 8 -> valid + valid;
      default -> valid.replace("{", "{\"__proto__\":{},\"\u0000\":");
    };
  }

  private static final String[] PIECES = {
    "张", "😀", "👨‍👩‍👧", "\u0000", "\u0007", "\u001b[31m", "\u202e", "\uFEFF", "\r\n",
        "'; DROP TABLE region; --",
    "<script>", "%00", "\\", "\"", "𠀀", "\uD800", "Ｚ", " ", "·", "a"
  };

  private static String nastyText(Random random, int length) {
    StringBuilder text = new StringBuilder(length + 16);
    while (text.length() < length) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  private static JsonNode deep(int depth) {
    JsonNode node = NODES.textNode("底");
    for (int i = 0; i < depth; i++) {
      node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("x", node);
    }
    return node;
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... options) {
    return options[random.nextInt(options.length)];
  }

  // ---- JSON paths like members[0].age ------------------------------------------------------

  private static void set(ObjectNode root, String path, JsonNode value) {
    Object parent = parentOf(root, path);
    String last = lastSegment(path);
    if (last.endsWith("]")) {
      ArrayNode array = (ArrayNode) ((ObjectNode) parent).get(name(last));
      if (array == null) {
        array = ((ObjectNode) parent).putArray(name(last));
      }
      if (array.isEmpty()) {
        array.add(value);
      } else {
        array.set(index(last), value);
      }
    } else if (parent instanceof ObjectNode object) {
      object.set(last, value);
    }
  }

  private static void remove(ObjectNode root, String path) {
    Object parent = parentOf(root, path);
    String last = lastSegment(path);
    if (last.endsWith("]")) {
      JsonNode array = ((ObjectNode) parent).get(name(last));
      if (array instanceof ArrayNode a && !a.isEmpty()) {
        a.remove(index(last));
      }
    } else if (parent instanceof ObjectNode object) {
      object.remove(last);
    }
  }

  private static Object parentOf(ObjectNode root, String path) {
    String[] segments = path.split("\\.");
    JsonNode node = root;
    for (int i = 0; i < segments.length - 1; i++) {
      String segment = segments[i];
      node =
          segment.endsWith("]") ? node.get(name(segment)).get(index(segment)) : node.get(segment);
    }
    return node;
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static String name(String segment) {
    return segment.substring(0, segment.indexOf('['));
  }

  private static int index(String segment) {
    return Integer.parseInt(segment.substring(segment.indexOf('[') + 1, segment.length() - 1));
  }

  private static Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, Db.count("SELECT count(*) FROM " + table));
    }
    return counts;
  }

  private static String abbreviate(String text) {
    String flat = text.replaceAll("\\p{Cntrl}", "·");
    return flat.length() > 400 ? flat.substring(0, 400) + "…(" + flat.length() + ")" : flat;
  }
}
