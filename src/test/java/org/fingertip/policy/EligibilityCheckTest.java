package org.fingertip.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.fingertip.support.Tokens;
import org.junit.jupiter.api.Test;

/** 政策找人 over HTTP against the demo rules and standards; no login, nothing stored. */
@QuarkusTest
class EligibilityCheckTest {

  private static io.restassured.response.ValidatableResponse check(String json) {
    return given()
        .contentType(ContentType.JSON)
        .body(json)
        .post("/api/v1/eligibility/check")
        .then();
  }

  @Test
  void shouldEstimateDibaoForALowIncomeHouseholdInSuqian() {
    check(
            """
            {"region": "321302001", "date": "2025-01-01",
             "members": [
               {"age": 45, "monthlyIncomeFen": 100000},
               {"age": 43, "monthlyIncomeFen": 20000},
               {"age": 15, "inSchool": true}],
             "assetsFen": 1000000}
            """)
        .statusCode(200)
        .header("Cache-Control", is("no-store"))
        .body("household.perCapitaIncomeFen", is(40000))
        .body("eligible.itemCode", contains("DIBAO"))
        .body("eligible[0].estimatedMonthlyFen", is(69000))
        .body("eligible[0].standards[0].type", is("DIBAO_MONTHLY"))
        .body("eligible[0].standards[0].amountFen", is(63000))
        .body("eligible[0].standards[0].setByRegionCode", is("321300"))
        .body("eligible[0].standards[0].sourcePolicy.id", is(1))
        .body("eligible[0].rule.regionCode", is("320000"))
        .body("eligible[0].rule.sourcePolicy.title", is("江苏省社会救助办法"))
        .body("eligible[0].rule.conditions[0]", containsString("630.00 元"))
        .body("nearMisses", empty());
  }

  @Test
  void shouldUseTheStandardInForceOnTheDateAsked() {
    check(
            """
            {"region": "321300", "date": "2023-06-30",
             "members": [{"age": 50, "monthlyIncomeFen": 50000}]}
            """)
        .statusCode(200)
        .body("eligible.find { it.itemCode == 'DIBAO' }.estimatedMonthlyFen", is(12000))
        .body("eligible.find { it.itemCode == 'DIBAO' }.standards[0].amountFen", is(62000));
  }

  @Test
  void shouldFindTekunForAPersonWithoutIncomeAbilityOrSupporter() {
    check(
            """
            {"region": "321311", "date": "2025-01-01",
             "members": [{"age": 72, "ableToWork": false, "hasLiableSupporter": false}]}
            """)
        .statusCode(200)
        .body("eligible.itemCode", hasItems("TEKUN", "DIBAO"))
        // Suqian's own TEKUN rule: the rural yearly standard 9828 元 / 12
        .body("eligible.find { it.itemCode == 'TEKUN' }.estimatedMonthlyFen", is(81900))
        .body("eligible.find { it.itemCode == 'TEKUN' }.rule.regionCode", is("321300"))
        .body("eligible.find { it.itemCode == 'TEKUN' }.members", contains(0))
        .body(
            "eligible.find { it.itemCode == 'TEKUN' }.standards.type",
            hasItems("TEKUN_RURAL_YEARLY", "DIBAO_MONTHLY"));
  }

  @Test
  void shouldAddNursingSubsidyForASemiDependentTekunPersonInJiujiang() {
    check(
            """
            {"region": "340207002", "date": "2025-01-01",
             "members": [{"age": 78, "ableToWork": false, "hasLiableSupporter": false,
                          "careDependency": "SEMI"}]}
            """)
        .statusCode(200)
        // 1.3 × 690 元 (Wuhu DIBAO, demo figure)
        .body("eligible.find { it.itemCode == 'TEKUN' }.estimatedMonthlyFen", is(89700))
        .body(
            "eligible.find { it.itemCode == 'TEKUN_NURSING_SEMI' }.estimatedMonthlyFen", is(13000))
        .body("eligible.itemCode", not(hasItem("TEKUN_NURSING_FULL")))
        .body("eligible.itemCode", not(hasItem("LONGEVITY")));
  }

  @Test
  void shouldGiveTheLongevityAllowanceToAnElderOver80() {
    check(
            """
            {"region": "340207001", "date": "2025-06-01",
             "members": [{"birthDate": "1940-05-01", "monthlyIncomeFen": 200000},
                         {"birthDate": "1946-03-01", "monthlyIncomeFen": 180000}]}
            """)
        .statusCode(200)
        .body("eligible.itemCode", contains("LONGEVITY"))
        .body("eligible[0].members", contains(0))
        .body("eligible[0].estimatedMonthlyFen", is(5000))
        .body("eligible[0].standards[0].setByRegionCode", is("340000"))
        .body("eligible[0].rule.sourcePolicy.id", is(7))
        // 1,900 元 per head is far above the 690 元 line: not a "near" miss
        .body("nearMisses", empty());
  }

  @Test
  void shouldExplainANearMiss() {
    check(
            """
            {"region": "321302", "date": "2025-01-01",
             "members": [{"age": 40, "monthlyIncomeFen": 140000}, {"age": 12, "inSchool": true}]}
            """)
        .statusCode(200)
        .body("eligible", empty())
        .body("nearMisses.itemCode", contains("DIBAO"))
        .body("nearMisses[0].reasons[0]", containsString("家庭人均月收入为 700.00 元"))
        .body("nearMisses[0].reasons[0]", containsString("630.00 元"))
        .body("nearMisses[0].estimatedMonthlyFen", nullValue());
  }

  @Test
  void shouldCapTemporaryAssistanceAtThreeMonthsOfLinyiDibao() {
    check(
            """
            {"region": "371302001", "date": "2025-01-01",
             "members": [{"age": 52, "monthlyIncomeFen": 150000}, {"age": 50}],
             "rigidExpenses": {"medicalMonthlyFen": 120000}}
            """)
        .statusCode(200)
        .body("eligible.find { it.itemCode == 'TEMP_ASSISTANCE' }.oneOffCapFen", is(180000))
        .body("eligible.find { it.itemCode == 'TEMP_ASSISTANCE' }.estimatedMonthlyFen", nullValue())
        .body("eligible.itemCode", not(hasItem("DIBAO")));
  }

  @Test
  void shouldApplyARuleAnAdminAddsForOneCountyOnly() {
    String rule =
        """
        {"regionCode": "321324", "itemCode": "DIBAO", "itemName": "最低生活保障",
         "scope": "HOUSEHOLD",
         "conditions": ["perCapitaIncomeFen < DIBAO_MONTHLY",
                        "perCapitaAssetsFen <= 12 * DIBAO_MONTHLY"],
         "amountFormula": "GAP_TIMES_MEMBERS DIBAO_MONTHLY",
         "description": "泗洪县：人均金融资产不超过12个月低保标准",
         "effectiveFrom": "2025-01-01", "policyId": 1}
        """;
    given()
        .auth()
        .oauth2(Tokens.citizen("c-rules"))
        .contentType(ContentType.JSON)
        .body(rule)
        .post("/api/v1/admin/eligibility-rules")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(Tokens.admin())
        .contentType(ContentType.JSON)
        .body(rule.replace("12 * DIBAO_MONTHLY\"", "12 * DIBAO\""))
        .post("/api/v1/admin/eligibility-rules")
        .then()
        .statusCode(400)
        .body("errors[0].field", is("conditions[1]"))
        .body("errors[0].code", is("RULE_CONDITION_INVALID"));
    given()
        .auth()
        .oauth2(Tokens.admin())
        .contentType(ContentType.JSON)
        .body(rule)
        .post("/api/v1/admin/eligibility-rules")
        .then()
        .statusCode(201)
        .body("conditions", hasSize(2));
    given()
        .auth()
        .oauth2(Tokens.admin())
        .contentType(ContentType.JSON)
        .body(rule)
        .post("/api/v1/admin/eligibility-rules")
        .then()
        .statusCode(409)
        .body("code", is("RULE_EXISTS"));
    // per-capita assets of 8,000 元: within 24 months of DIBAO, above 12 months
    String household =
        """
        {"region": "%s", "date": "2025-06-01",
         "members": [{"age": 60, "monthlyIncomeFen": 30000}], "assetsFen": 800000}
        """;
    check(household.formatted("321324100"))
        .statusCode(200)
        .body("eligible.itemCode", not(hasItem("DIBAO")))
        .body("nearMisses.find { it.itemCode == 'DIBAO' }.rule.regionCode", is("321324"))
        .body("nearMisses.find { it.itemCode == 'DIBAO' }.reasons[0]", containsString("家庭人均金融资产"));
    check(household.formatted("321302001"))
        .statusCode(200)
        .body("eligible.find { it.itemCode == 'DIBAO' }.rule.regionCode", is("320000"));
  }

  @Test
  void shouldRefuseIncompleteFactsWithProblems() {
    check("{\"members\": [{\"age\": 40}]}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", is("VALIDATION_FAILED"));
    check("{\"region\": \"321300\", \"members\": []}").statusCode(400);
    check("{\"region\": \"321300\", \"members\": [{\"monthlyIncomeFen\": 100}]}")
        .statusCode(400)
        .body("errors[0].field", is("members[0].age"));
    check("{\"region\": \"321300\", \"members\": [{\"age\": 40, \"monthlyIncomeFen\": -1}]}")
        .statusCode(400);
    check("{\"region\": \"3213\", \"members\": [{\"age\": 40}]}")
        .statusCode(400)
        .body("errors[0].code", is("REGION_CODE_INVALID"));
    check("{\"region\": \"321300\", \"members\": [{\"age\": 40}], \"salary\": 1}").statusCode(400);
    check("{\"region\": \"321300\", \"date\": \"2025-02-30\", \"members\": [{\"age\": 40}]}")
        .statusCode(400);
  }
}
