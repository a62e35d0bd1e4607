package org.fingertip.bench;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The caseworker's queue: {@code GET /api/v1/staff/applications} as 宿城区民政局's caseworker (civil
 * affairs, region 321302), paging through the open cases by status ({@code status=SUBMITTED},
 * {@code ACCEPTED}, {@code UNDER_REVIEW}, {@code SUPPLEMENT_REQUESTED}, pages 1 to 3 of 20), and
 * every fifth request the unfiltered queue (every non-draft case in scope, oldest due date first) —
 * over the seeded year of {@link Seeder#APPLICATIONS} applications in all regions. Raw:
 * CaseworkService.queue — the staff row (scope), the page, its count, the page's citizens and the
 * catalogue.
 */
final class CaseworkerQueueScenario implements Scenario {

  private static final String[] STATUSES = {
    "SUBMITTED", "ACCEPTED", "UNDER_REVIEW", "SUPPLEMENT_REQUESTED"
  };
  private static final int SIZE = 20;

  static final String APPLICATION_COLUMNS =
      "a1_0.id,a1_0.accepted_on,a1_0.amount_fen,a1_0.applicant_id,a1_0.clawback_fen,"
          + "a1_0.commitment_signed_at,a1_0.commitment_text,a1_0.created_at,a1_0.credit_breach,"
          + "a1_0.decided_at,a1_0.decision_reason,a1_0.department,a1_0.due_date,a1_0.emergency,"
          + "a1_0.emergency_grant_fen,a1_0.emergency_granted_at,a1_0.form_answers,"
          + "a1_0.household_enc,a1_0.household_masked,a1_0.item_code,a1_0.missing_materials,"
          + "a1_0.notice_ends_at,a1_0.open_objections,a1_0.referred_from,a1_0.region_code,"
          + "a1_0.region_path,"
          + "a1_0.start_month,a1_0.status,a1_0.subject_id,a1_0.submitted_at,a1_0.updated_at,"
          + "a1_0.version";

  static final String CITIZEN_COLUMNS =
      "c1_0.id,c1_0.app_openid,c1_0.birth_date,c1_0.created_at,c1_0.id_number_enc,"
          + "c1_0.id_number_hash,c1_0.id_number_masked,c1_0.mp_openid,c1_0.offline,"
          + "c1_0.phone_enc,c1_0.phone_masked,c1_0.real_name_enc,c1_0.real_name_masked,c1_0.sex,"
          + "c1_0.unionid,c1_0.verified_at";

  static final String STAFF_COLUMNS =
      "s1_0.id,s1_0.canteens,s1_0.created_at,s1_0.departments,s1_0.display_name,"
          + "s1_0.failed_logins,s1_0.locked_until,s1_0.offices,s1_0.password_hash,s1_0.regions,"
          + "s1_0.role,s1_0.username";

  static final String ITEM_COLUMNS =
      "ai1_0.code,ai1_0.active,ai1_0.category,ai1_0.department,ai1_0.department_name,"
          + "ai1_0.description,ai1_0.emergency_allowed,ai1_0.emergency_cap_fen,ai1_0.form_schema,"
          + "ai1_0.keywords,ai1_0.materials,ai1_0.name,ai1_0.policy_basis,ai1_0.public_notice,"
          + "ai1_0.regions,ai1_0.time_limit_days";

  private static final String SCOPE =
      " where a1_0.status<>? and a1_0.submitted_at is not null and a1_0.department in (?) and"
          + " (a1_0.region_path like ? escape '')";

  private final int clients;
  private String token;

  CaseworkerQueueScenario(int clients) {
    this.clients = clients;
  }

  @Override
  public String name() {
    return "caseworker queue (" + Seeder.APPLICATIONS / 1000 + "k applications)";
  }

  @Override
  public int clients() {
    return clients;
  }

  @Override
  public void prepare(BenchContext context) throws Exception {
    token = context.token(Seeder.CASEWORKER.toString(), "caseworker");
  }

  /** The status filter of the {@code seq}-th request, or null for the unfiltered queue. */
  private static String status(long seq) {
    return seq % 5 == 4 ? null : STATUSES[(int) (seq % 5) % STATUSES.length];
  }

  private static int page(long seq) {
    return status(seq) == null ? 1 : 1 + (int) ((seq / 5) % 3);
  }

  @Override
  public HttpRequest request(BenchContext context, int client, long seq) {
    String status = status(seq);
    String query =
        "/api/v1/staff/applications?page="
            + page(seq)
            + "&size="
            + SIZE
            + (status == null ? "" : "&status=" + status);
    return HttpRequest.newBuilder(context.uri(query))
        .header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void raw(Connection c, int client, long seq) throws SQLException {
    Sql.query(c, "select " + STAFF_COLUMNS + " from staff s1_0 where s1_0.id=?", Seeder.CASEWORKER);
    String status = status(seq);
    String where = SCOPE + (status == null ? "" : " and a1_0.status=?");
    List<Object> params = new ArrayList<>(List.of("DRAFT", "CIVIL_AFFAIRS", "%/321302/%"));
    if (status != null) {
      params.add(status);
    }
    List<Object> paged = new ArrayList<>(params);
    paged.add((page(seq) - 1) * SIZE);
    paged.add(SIZE);
    List<Object[]> apps =
        Sql.rows(
            c,
            "select "
                + APPLICATION_COLUMNS
                + " from application a1_0"
                + where
                + " order by a1_0.due_date,a1_0.submitted_at,a1_0.id offset ? rows"
                + " fetch first ? rows only",
            paged.toArray());
    Sql.query(c, "select count(*) from application a1_0" + where, params.toArray());
    Set<Object> subjects = new LinkedHashSet<>();
    apps.forEach(a -> subjects.add(a[28]));
    if (!subjects.isEmpty()) {
      // Hibernate pads IN lists to the next power of two, repeating the last value
      List<Object> ids = new ArrayList<>(subjects);
      int padded = Integer.highestOneBit(ids.size() - 1 + (ids.size() == 1 ? 1 : 0)) << 1;
      while (ids.size() < Math.max(1, padded)) {
        ids.add(ids.get(ids.size() - 1));
      }
      Sql.query(
          c,
          "select "
              + CITIZEN_COLUMNS
              + " from citizen c1_0 where c1_0.id in ("
              + Sql.marks(ids.size())
              + ")",
          ids.toArray());
    }
    Sql.query(c, "select " + ITEM_COLUMNS + " from assistance_item ai1_0");
  }
}
