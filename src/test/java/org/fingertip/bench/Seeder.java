package org.fingertip.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fingertip.policy.search.PolicyDocument;

/**
 * Seeds a realistic volume straight into PostgreSQL after the app's Flyway migrations ran: citizens
 * with {@code generate_series} (placeholder ciphertext in the encrypted PII columns), extra
 * townships, published policies (some with two versions) whose search vectors are computed with the
 * app's own {@link PolicyDocument} / {@code ChineseTokenizer}, and standards with history over the
 * region tree. Deterministic (fixed random seed), so runs are comparable.
 */
final class Seeder {

  static final int CITIZENS = Integer.getInteger("bench.citizens", 100_000);
  static final int POLICIES = Integer.getInteger("bench.policies", 1_200);
  static final int TOWNSHIPS_PER_COUNTY = 20;
  static final int APPLICATIONS = Integer.getInteger("bench.applications", 200_000);
  static final int CANTEENS = Integer.getInteger("bench.canteens", 24);
  static final int MEAL_DAYS = Integer.getInteger("bench.mealDays", 365);

  /** The caseworker the queue scenario signs in as: 宿城区民政局, civil-affairs cases. */
  static final java.util.UUID CASEWORKER =
      java.util.UUID.fromString("00000000-0000-0000-0000-0000000be001");

  /** The canteen operator who served the seeded meals. */
  static final java.util.UUID OPERATOR =
      java.util.UUID.fromString("00000000-0000-0000-0000-0000000be002");

  /**
   * Items the seeded applications ask for: civil-affairs items mostly, as a 民政 service's queue is,
   * and some of other departments (ten or more, so a citizen's three never repeat an item).
   */
  private static final String[] ITEMS = {
    "DIBAO",
    "DIBAO_MARGINAL",
    "TEKUN",
    "TEMPORARY_ASSISTANCE",
    "LONGEVITY_ALLOWANCE",
    "ELDERLY_CARE_SUBSIDY",
    "MEDICAL_ASSISTANCE",
    "RENT_SUBSIDY",
    "DISABLED_LIVING_SUBSIDY",
    "COMPULSORY_LIVING_SUBSIDY"
  };

  /** What later scenarios need to know about the seed. */
  record Seeded(
      long citizens,
      List<Long> publishedPolicyIds,
      List<String> counties,
      List<String> townships,
      long policyVersions,
      long applications,
      long applicationEvents,
      long mealOrders,
      long mealOrderItems,
      long canteens,
      int mealDays) {}

  private static final String[] PLACES = {
    "城关", "新集", "王集", "张圩", "李庄", "刘集", "陈集", "高桥", "三河", "洋河"
  };

  private static final String[][] TOPICS = {
    // category, topic words (a title uses one; bodies mix several)
    {"社会救助", "最低生活保障", "城乡低保", "特困人员救助供养", "临时救助", "医疗救助", "低收入人口动态监测", "急难救助"},
    {"养老服务", "高龄津贴", "老年助餐", "居家养老服务", "经济困难老年人护理补贴", "养老机构运营补贴"},
    {"儿童福利", "孤儿基本生活保障", "事实无人抚养儿童", "困境儿童分类保障", "农村留守儿童关爱"},
    {"残疾人福利", "困难残疾人生活补贴", "重度残疾人护理补贴", "残疾人两项补贴", "康复救助"},
    {"婚姻登记", "婚姻登记预约", "结婚登记", "离婚冷静期", "颁证服务"},
    {"殡葬", "惠民殡葬", "基本殡葬服务费用减免", "节地生态安葬奖补"},
  };

  private static final String[] ACTIONS = {"关于调整", "关于进一步做好", "关于印发", "关于提高", "关于规范", "关于实施"};
  private static final String[] KINDS = {"标准的通知", "工作的实施意见", "办法（试行）", "实施细则", "管理办法", "工作方案"};

  private static final String[] SENTENCES = {
    "各县（区）民政部门要落实%s工作责任，确保资金按时足额发放到位。",
    "申请%s的家庭，可通过手机“指尖办”或到乡镇（街道）社会救助窗口提出申请。",
    "对符合%s条件的对象，应在受理之日起15个工作日内完成审核确认。",
    "%s对象实行动态管理，乡镇（街道）每年至少组织一次复核。",
    "%s资金实行社会化发放，直接打入对象本人的社会保障卡或银行账户。",
    "对%s实施过程中发现的优亲厚友、骗取救助等行为，依法依规严肃处理。",
    "%s标准与经济社会发展水平相适应，建立自然增长机制。",
    "加强%s与低保、特困、临时救助等政策的衔接，防止出现救助断档。",
  };

  private Seeder() {}

  static Seeded seed(Connection c) throws SQLException {
    c.setAutoCommit(false);
    long citizens = citizens(c);
    List<String> counties =
        strings(c, "SELECT code FROM region WHERE level = 'COUNTY' ORDER BY code");
    townships(c, counties);
    List<String> regions = strings(c, "SELECT code FROM region ORDER BY code");
    List<Long> policyIds = policies(c, regions);
    standards(c, policyIds);
    staff(c);
    c.commit();
    catalog(c);
    long t0 = System.nanoTime();
    applications(c);
    c.commit();
    long t1 = System.nanoTime();
    meals(c);
    c.commit();
    System.out.printf(
        "[bench] seeded applications in %d ms, meal orders in %d ms%n",
        (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE");
    }
    List<String> townships =
        strings(c, "SELECT code FROM region WHERE level = 'TOWNSHIP' ORDER BY code");
    long versions = count(c, "SELECT count(*) FROM policy_version");
    return new Seeded(
        citizens,
        policyIds,
        counties,
        townships,
        versions,
        count(c, "SELECT count(*) FROM application"),
        count(c, "SELECT count(*) FROM application_event"),
        count(c, "SELECT count(*) FROM meal_order"),
        count(c, "SELECT count(*) FROM meal_order_item"),
        count(c, "SELECT count(*) FROM meal_canteen"),
        MEAL_DAYS);
  }

  private static long citizens(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      // placeholder ciphertext ("k2026:" + base64): the app never decrypts these rows in the
      // scenarios; what matters is the row width and the unique indexes it maintains
      s.executeUpdate(
          "INSERT INTO citizen (id, mp_openid, real_name_enc, real_name_masked, id_number_enc,"
              + " id_number_hash, id_number_masked, phone_enc, phone_masked, birth_date, sex,"
              + " verified_at, offline, created_at)"
              + " SELECT md5('citizen' || i)::uuid, 'bench-mp-' || i,"
              + " CASE WHEN i % 5 <> 0 THEN 'k2026:' || encode(sha256(('n' || i)::bytea), 'base64') END,"
              + " CASE WHEN i % 5 <> 0 THEN '张*' END,"
              + " CASE WHEN i % 5 <> 0 THEN 'k2026:' || encode(sha256(('id' || i)::bytea), 'base64') END,"
              + " CASE WHEN i % 5 <> 0 THEN encode(sha256(('h' || i)::bytea), 'hex') END,"
              + " CASE WHEN i % 5 <> 0 THEN '3213**********' || lpad((i % 10000)::text, 4, '0') END,"
              + " 'k2026:' || encode(sha256(('p' || i)::bytea), 'base64'),"
              + " '138****' || lpad((i % 10000)::text, 4, '0'),"
              + " date '1935-01-01' + (i * 37 % 30000), CASE WHEN i % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END,"
              + " CASE WHEN i % 5 <> 0 THEN now() - (i % 700) * interval '1 day' END, false,"
              + " now() - (i % 900) * interval '1 day'"
              + " FROM generate_series(1, "
              + CITIZENS
              + ") AS i");
    }
    return count(c, "SELECT count(*) FROM citizen");
  }

  /** Twenty more townships per county, so the write scenario has village codes to add below. */
  private static void townships(Connection c, List<String> counties) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO region (code, name, level, parent_code, path) SELECT ?, ?, 'TOWNSHIP', code,"
                + " path || ? || '/' FROM region WHERE code = ? ON CONFLICT DO NOTHING")) {
      for (String county : counties) {
        for (int i = 0; i < TOWNSHIPS_PER_COUNTY; i++) {
          String code = county + (200 + i);
          ps.setString(1, code);
          ps.setString(2, PLACES[i % PLACES.length] + (i < PLACES.length ? "镇" : "乡"));
          ps.setString(3, code);
          ps.setString(4, county);
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  private static List<Long> policies(Connection c, List<String> regions) throws SQLException {
    Random random = new Random(20260520L);
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement policy =
            c.prepareStatement(
                "INSERT INTO policy (id, status, title, summary, body, category, issuing_body,"
                    + " document_number, region_code, effective_from, effective_to, current_version,"
                    + " created_at, updated_at) VALUES (?, 'PUBLISHED', ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, now(), now())");
        PreparedStatement version =
            c.prepareStatement(
                "INSERT INTO policy_version (policy_id, version, title, summary, body, category,"
                    + " issuing_body, document_number, region_code, effective_from, effective_to,"
                    + " change_note, published_at, published_by, is_current, search_vector) VALUES"
                    + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() - ? * interval '1 day', 'bench',"
                    + " ?, CAST(? AS tsvector))")) {
      for (int n = 0; n < POLICIES; n++) {
        long id = 100_000L + n;
        String region = regions.get(n % regions.size());
        String[] topic = TOPICS[random.nextInt(TOPICS.length)];
        String category = topic[0];
        String word = topic[1 + random.nextInt(topic.length - 1)];
        int year = 2018 + random.nextInt(9);
        String title =
            ACTIONS[random.nextInt(ACTIONS.length)] + word + KINDS[random.nextInt(KINDS.length)];
        String summary = "为做好" + word + "工作，根据有关规定，结合本地实际，现就" + year + "年度" + word + "有关事项明确如下。";
        StringBuilder body = new StringBuilder();
        int paragraphs = 4 + random.nextInt(10);
        for (int p = 0; p < paragraphs; p++) {
          String[] other = TOPICS[random.nextInt(TOPICS.length)];
          String w = random.nextInt(3) == 0 ? other[1 + random.nextInt(other.length - 1)] : word;
          body.append("## ")
              .append(toChineseOrdinal(p + 1))
              .append("、")
              .append(w)
              .append("\n")
              .append(String.format(SENTENCES[random.nextInt(SENTENCES.length)], w))
              .append(String.format(SENTENCES[random.nextInt(SENTENCES.length)], w))
              .append("\n\n");
        }
        String issuing = region + "民政局";
        String docNumber = "民发〔" + year + "〕" + (1 + random.nextInt(120)) + "号";
        LocalDate from = LocalDate.of(year, 1 + random.nextInt(12), 1);
        LocalDate to = random.nextInt(10) == 0 ? from.plusYears(1).minusDays(1) : null;
        int versions = random.nextInt(5) == 0 ? 2 : 1;
        policy.setLong(1, id);
        policy.setString(2, title);
        policy.setString(3, summary);
        policy.setString(4, body.toString());
        policy.setString(5, category);
        policy.setString(6, issuing);
        policy.setString(7, docNumber);
        policy.setString(8, region);
        policy.setObject(9, from);
        policy.setObject(10, to);
        policy.setInt(11, versions);
        policy.addBatch();
        for (int v = 1; v <= versions; v++) {
          // an earlier version differs in its summary; only the last is current
          String s = v < versions ? summary + "（征求意见稿）" : summary;
          version.setLong(1, id);
          version.setInt(2, v);
          version.setString(3, title);
          version.setString(4, s);
          version.setString(5, body.toString());
          version.setString(6, category);
          version.setString(7, issuing);
          version.setString(8, docNumber);
          version.setString(9, region);
          version.setObject(10, from);
          version.setObject(11, to);
          version.setString(12, v < versions ? null : (versions > 1 ? "根据意见修订" : null));
          version.setInt(13, (versions - v) * 30 + random.nextInt(30));
          version.setBoolean(14, v == versions);
          version.setString(
              15, PolicyDocument.tsvector(title, s, docNumber, issuing, category, body.toString()));
          version.addBatch();
        }
        ids.add(id);
        if (n % 200 == 199) {
          policy.executeBatch();
          version.executeBatch();
        }
      }
      policy.executeBatch();
      version.executeBatch();
    }
    return ids;
  }

  /**
   * Standards over the region tree: every province sets each money type with a history of yearly
   * rises and the two factors; cities and counties override the DIBAO line (as Suqian does).
   */
  private static void standards(Connection c, List<Long> policyIds) throws SQLException {
    List<String[]> regions = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT code, level FROM region WHERE level IN ('PROVINCE', 'CITY', 'COUNTY')"
                    + " ORDER BY code")) {
      while (rs.next()) {
        regions.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO policy_standard (region_code, type, amount_fen, factor, effective_from,"
                + " policy_id, note) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int regionIndex = 0;
      for (String[] region : regions) {
        regionIndex++;
        String[] types =
            switch (region[1]) {
              case "PROVINCE" ->
                  new String[] {
                    "DIBAO_MONTHLY",
                    "DIBAO_RURAL_YEARLY",
                    "TEKUN_MONTHLY",
                    "TEKUN_YEARLY",
                    "TEKUN_RURAL_YEARLY",
                    "ORPHAN_INSTITUTION_MONTHLY",
                    "ORPHAN_SCATTERED_MONTHLY",
                    "NURSING_SEMI_MONTHLY",
                    "NURSING_FULL_MONTHLY",
                    "LONGEVITY_MONTHLY",
                    "TEKUN_DIBAO_MULTIPLIER",
                    "TEMP_ASSISTANCE_CAP_MULTIPLIER"
                  };
              case "CITY" ->
                  new String[] {
                    "DIBAO_MONTHLY", "ORPHAN_INSTITUTION_MONTHLY", "ORPHAN_SCATTERED_MONTHLY"
                  };
              default -> new String[] {"DIBAO_MONTHLY"};
            };
        for (String type : types) {
          boolean factor = type.endsWith("MULTIPLIER");
          long base = 50_000L + (Math.abs((region[0] + type).hashCode()) % 30_000);
          for (int year = 2019; year <= 2026; year++) {
            ps.setString(1, region[0]);
            ps.setString(2, type);
            if (factor) {
              ps.setObject(3, null);
              ps.setBigDecimal(
                  4, new java.math.BigDecimal(type.startsWith("TEKUN") ? "1.300" : "3.000"));
            } else {
              ps.setLong(3, base + (year - 2019) * 1_000L);
              ps.setObject(4, null);
            }
            ps.setObject(5, LocalDate.of(year, 7, 1));
            // one policy per region and year sets all of that year's figures, as a notice does
            ps.setLong(6, policyIds.get((regionIndex * 8 + year - 2019) % policyIds.size()));
            ps.setString(7, year + "年度标准");
            ps.addBatch();
            if (factor) {
              break;
            }
          }
        }
      }
      ps.executeBatch();
    }
  }

  /** The queue scenario's caseworker (宿城区, civil affairs) and the operator of the canteens. */
  private static void staff(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO staff (id, username, password_hash, display_name, role, departments,"
                + " regions, created_at) VALUES (?, ?, '!bench-no-login', ?, ?, ?::varchar[],"
                + " ?::varchar[], now())")) {
      ps.setObject(1, CASEWORKER);
      ps.setString(2, "bench.sucheng.mz");
      ps.setString(3, "宿城区民政局 压测账号");
      ps.setString(4, "caseworker");
      ps.setString(5, "{CIVIL_AFFAIRS}");
      ps.setString(6, "{321302}");
      ps.addBatch();
      ps.setObject(1, OPERATOR);
      ps.setString(2, "bench.canteen");
      ps.setString(3, "助餐点压测账号");
      ps.setString(4, "canteen_operator");
      ps.setString(5, "{}");
      ps.setString(6, "{}");
      ps.addBatch();
      ps.executeBatch();
    }
  }

  /**
   * The assistance catalogue is demo data (dev/test only); the prod-like app starts without it, so
   * the benchmark loads the demo catalogue statement itself.
   */
  private static void catalog(Connection c) throws SQLException {
    String sql;
    try (java.io.InputStream in =
        Seeder.class.getResourceAsStream("/db/demo/V4_900__demo_assistance.sql")) {
      sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("demo assistance catalogue not on the classpath", e);
    }
    int start = sql.indexOf("INSERT INTO assistance_item");
    int end = sql.indexOf(");\n", start) + 1;
    try (Statement s = c.createStatement()) {
      s.execute(sql.substring(start, end) + " ON CONFLICT DO NOTHING");
    }
  }

  /**
   * {@link #APPLICATIONS} applications over the last year, by 80,000 real-name citizens (up to
   * three each, never two open for one item), in every township. Status follows age: the last 45
   * days hold the open cases (submitted, accepted, supplement, review, public notice), older ones
   * are mostly decided (approved, denied, not accepted, withdrawn), some reviews overrun their due
   * date, and 3% are drafts. Each application has its CREATE event, a submitted one its SUBMIT
   * event, and one past submission the event of the step that brought it there.
   */
  private static void applications(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TEMP TABLE bench_township ON COMMIT DROP AS SELECT (row_number() OVER (ORDER BY"
              + " code)) - 1 AS n, code, path FROM region WHERE level = 'TOWNSHIP'");
      long townships = count(c, "SELECT count(*) FROM bench_township");
      StringBuilder items = new StringBuilder("CREATE TEMP TABLE bench_item ON COMMIT DROP AS");
      for (int n = 0; n < ITEMS.length; n++) {
        items
            .append(n == 0 ? "" : " UNION ALL")
            .append(" SELECT ")
            .append(n)
            .append(" AS n, code, department FROM assistance_item WHERE code = '")
            .append(ITEMS[n])
            .append("'");
      }
      s.execute(items.toString());
      // g: one row per application with its citizen slot, round (0..2), age in days and a roll
      s.executeUpdate(
          "INSERT INTO application (id, item_code, department, subject_id, applicant_id,"
              + " region_code, region_path, status, form_answers, household_enc, household_masked,"
              + " missing_materials, due_date, accepted_on, amount_fen, start_month,"
              + " decision_reason, created_at, submitted_at, decided_at, updated_at, version)"
              + " SELECT md5('application' || g.i)::uuid, it.code, it.department,"
              + "   md5('citizen' || (g.slot + g.slot / 4 + 1))::uuid,"
              + "   md5('citizen' || (g.slot + g.slot / 4 + 1))::uuid, t.code, t.path, st.status,"
              + "   '{\"address\":\"' || t.code || ' 幸福路 ' || (g.i % 300) || ' 号\",\"reason\":"
              + "\"家庭生活困难，申请救助。\"}',"
              + "   'k2026:' || encode(sha256(('hh' || g.i)::bytea), 'base64'),"
              + "   '[{\"relation\":\"SELF\",\"realName\":\"张*\"}]',"
              + "   CASE WHEN st.status = 'SUPPLEMENT_REQUESTED' THEN '[\"INCOME_PROOF\"]' ELSE '[]'"
              + "   END,"
              + "   CASE WHEN st.status <> 'DRAFT' THEN (g.submitted + interval '20 days')::date END,"
              + "   CASE WHEN st.status NOT IN ('DRAFT', 'SUBMITTED', 'REJECTED')"
              + "     THEN (g.submitted + interval '2 days')::date END,"
              + "   CASE WHEN st.status = 'APPROVED' THEN 30000 + (g.i % 40) * 1000 END,"
              + "   CASE WHEN st.status = 'APPROVED'"
              + "     THEN to_char(g.submitted + interval '1 month', 'YYYY-MM') END,"
              + "   CASE WHEN st.status IN ('DENIED', 'REJECTED')"
              + "     THEN '家庭人均收入高于当地保障标准' END,"
              + "   g.submitted - interval '1 hour',"
              + "   CASE WHEN st.status <> 'DRAFT' THEN g.submitted END,"
              + "   CASE WHEN st.status IN ('APPROVED', 'DENIED', 'REJECTED', 'WITHDRAWN')"
              + "     THEN g.submitted + (5 + g.i % 20) * interval '1 day' END,"
              + "   g.submitted + interval '1 hour', 1"
              + " FROM (SELECT i, (i - 1) % 80000 AS slot, (i - 1) / 80000 AS round,"
              + "         (i * 7919) % 365 AS days_ago, (i * 31 + i / 97) % 100 AS roll,"
              + "         now() - ((i * 7919) % 365) * interval '1 day'"
              + "           - (i % 600) * interval '1 minute' AS submitted"
              + "       FROM generate_series(1, "
              + APPLICATIONS
              + ") AS i) g"
              + " JOIN bench_item it ON it.n = (g.slot + g.round) % "
              + ITEMS.length
              + " JOIN bench_township t ON t.n = (g.slot * 7919) % "
              + townships
              + " CROSS JOIN LATERAL (SELECT CASE"
              + "   WHEN g.roll < 3 THEN 'DRAFT'"
              + "   WHEN g.days_ago < 45 THEN CASE"
              + "     WHEN g.roll < 20 THEN 'SUBMITTED' WHEN g.roll < 35 THEN 'ACCEPTED'"
              + "     WHEN g.roll < 45 THEN 'SUPPLEMENT_REQUESTED' WHEN g.roll < 75 THEN 'UNDER_REVIEW'"
              + "     WHEN g.roll < 85 THEN 'PUBLIC_NOTICE' WHEN g.roll < 90 THEN 'NOTICE_ENDED'"
              + "     ELSE 'APPROVED' END"
              + "   WHEN g.roll < 68 THEN 'APPROVED' WHEN g.roll < 83 THEN 'DENIED'"
              + "   WHEN g.roll < 90 THEN 'REJECTED' WHEN g.roll < 95 THEN 'WITHDRAWN'"
              + "   ELSE 'UNDER_REVIEW' END AS status) st");
      s.executeUpdate(
          "INSERT INTO application_event (id, application_id, seq, action, from_status,"
              + " to_status, actor_role, actor_id, comment, at)"
              + " SELECT md5('event1' || a.id)::uuid, a.id, 1, 'CREATE', NULL, 'DRAFT',"
              + " 'CITIZEN', a.applicant_id, NULL, a.created_at FROM application a"
              + " UNION ALL SELECT md5('event2' || a.id)::uuid, a.id, 2, 'SUBMIT', 'DRAFT',"
              + " 'SUBMITTED', 'CITIZEN', a.applicant_id, NULL, a.submitted_at FROM application a"
              + " WHERE a.submitted_at IS NOT NULL");
      s.executeUpdate(
          "INSERT INTO application_event (id, application_id, seq, action, from_status,"
              + " to_status, actor_role, actor_id, comment, at)"
              + " SELECT md5('event3' || a.id)::uuid, a.id, 3,"
              + " CASE a.status WHEN 'APPROVED' THEN 'APPROVE' WHEN 'DENIED' THEN 'DENY'"
              + "   WHEN 'REJECTED' THEN 'REJECT' WHEN 'WITHDRAWN' THEN 'WITHDRAW'"
              + "   WHEN 'SUPPLEMENT_REQUESTED' THEN 'REQUEST_SUPPLEMENT'"
              + "   WHEN 'PUBLIC_NOTICE' THEN 'START_PUBLIC_NOTICE' ELSE 'ACCEPT' END,"
              + " 'SUBMITTED', a.status,"
              + " CASE a.status WHEN 'WITHDRAWN' THEN 'CITIZEN' ELSE 'CASEWORKER' END,"
              + " NULL, a.decision_reason, coalesce(a.decided_at, a.submitted_at + interval '2 days')"
              + " FROM application a WHERE a.status NOT IN ('DRAFT', 'SUBMITTED')");
    }
  }

  /**
   * A year of lunches at {@link #CANTEENS} canteens spread over the townships: each canteen has its
   * regulars (elders 60 and over, real-name bound), 20 to 59 of them a day; every fifth order adds
   * a second dish; most meals were served (redeemed by the operator), some missed, some cancelled
   * before the cutoff. Subsidies follow the age bands of the canteen's region rules, one per elder
   * per day; capacity rows and dish counters equal the orders that hold a place.
   */
  private static void meals(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO meal_canteen (id, name, region_code, address, latitude, longitude,"
              + " operator_name, phone, opening, delivery_offered, delivery_radius_m, created_at)"
              + " SELECT md5('canteen' || n)::uuid, t.name || '长者食堂' || n || '号', t.code,"
              + " t.name || '幸福路 ' || (n * 3) || ' 号', 33.9 + n * 0.01, 118.2 + n * 0.01,"
              + " t.name || '颐养服务中心', '0527-8430' || lpad(n::text, 4, '0'), 'DAILY', false, 0,"
              + " now() - interval '400 days'"
              + " FROM generate_series(1, "
              + CANTEENS
              + ") AS n JOIN (SELECT row_number() OVER (ORDER BY code) AS k, code, name FROM region"
              + " WHERE level = 'TOWNSHIP') t ON t.k = 1 + (n * 37) % (SELECT count(*) FROM region"
              + " WHERE level = 'TOWNSHIP')");
      s.execute(
          "CREATE TEMP TABLE bench_canteen ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY"
              + " id) AS n, id, region_code FROM meal_canteen WHERE name LIKE '%长者食堂%号'");
      s.executeUpdate(
          "INSERT INTO meal_service (canteen_id, meal_type, capacity, cutoff_time,"
              + " cutoff_days_before, serve_from, serve_until) SELECT id, 'LUNCH', 80,"
              + " time '09:30', 0, time '11:00', time '13:00' FROM bench_canteen");
      s.executeUpdate(
          "INSERT INTO meal_dish (id, canteen_id, name, tags) SELECT md5('dish1' || id)::uuid,"
              + " id, '番茄炒蛋套餐', ARRAY['软食'] FROM bench_canteen UNION ALL SELECT"
              + " md5('dish2' || id)::uuid, id, '清蒸鲈鱼', ARRAY['低盐'] FROM bench_canteen");
      s.executeUpdate(
          "INSERT INTO meal_subsidy_rule (id, region_code, category, amount_fen, effective_from,"
              + " note) SELECT md5('rule' || b.region_code || r.category)::uuid, b.region_code,"
              + " r.category, r.amount, date '2020-01-01', '助餐补贴（压测）' FROM (SELECT DISTINCT"
              + " region_code FROM bench_canteen) b CROSS JOIN (VALUES ('AGE_60_69', 200),"
              + " ('AGE_70_79', 300), ('AGE_80_PLUS', 500)) AS r(category, amount)");
      s.execute(
          "CREATE TEMP TABLE bench_day ON COMMIT DROP AS SELECT d::date AS day,"
              + " extract(doy FROM d)::int AS doy FROM generate_series(current_date - "
              + MEAL_DAYS
              + ", current_date - 1, interval '1 day') AS d");
      s.executeUpdate(
          "INSERT INTO meal_menu_item (id, canteen_id, meal_date, meal_type, dish_id, price_fen,"
              + " daily_quantity, sold) SELECT md5('menu' || x.dish || c.id || d.day)::uuid, c.id,"
              + " d.day, 'LUNCH', md5('dish' || x.dish || c.id)::uuid, x.price, NULL, 0"
              + " FROM bench_canteen c CROSS JOIN bench_day d CROSS JOIN (VALUES (1, 1200),"
              + " (2, 800)) AS x(dish, price)");
      // elders: real-name citizens 60 or over a year ago, numbered; canteen n's regulars are
      // elders n*100 .. n*100+59, so an elder orders at one canteen and gets one subsidy a day
      s.execute(
          "CREATE TEMP TABLE bench_elder ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY"
              + " id) AS n, id, birth_date FROM citizen WHERE verified_at IS NOT NULL AND"
              + " birth_date < current_date - interval '61 years'");
      s.execute("CREATE UNIQUE INDEX ON bench_elder (n)");
      s.execute("ANALYZE bench_elder");
      s.execute(
          "CREATE TEMP TABLE bench_meal ON COMMIT DROP AS SELECT md5('order' || c.n || '/' ||"
              + " d.day || '/' || k)::uuid AS id, c.id AS canteen_id, c.region_code, d.day, k,"
              + " e.id AS elder, e.birth_date, (c.n * 7 + d.doy * 13 + k * 29) % 100 AS roll,"
              + " extract(year FROM age(d.day, e.birth_date))::int AS age"
              + " FROM bench_canteen c CROSS JOIN bench_day d"
              + " CROSS JOIN LATERAL generate_series(1, 20 + (c.n * 11 + d.doy * 7) % 40) AS k"
              + " JOIN bench_elder e ON e.n = c.n * 100 + k");
      s.executeUpdate(
          "INSERT INTO meal_order (id, code, citizen_id, placed_by, canteen_id, meal_date,"
              + " meal_type, fulfilment, status, category, subsidised, dish_total_fen, subsidy_fen,"
              + " donation_fen, payable_fen, price_note, created_at, cancelled_at, served_at,"
              + " served_by)"
              + " SELECT m.id, 'S' || lpad((row_number() OVER ())::text, 11, '0'), m.elder,"
              + " m.elder, m.canteen_id, m.day, 'LUNCH', 'PICKUP', st.status, cat.category,"
              + " st.status <> 'CANCELLED', p.total, p.subsidy, 0, p.total - p.subsidy, NULL,"
              + " m.day - interval '16 hours' + (m.k * interval '1 minute'),"
              + " CASE WHEN st.status = 'CANCELLED' THEN m.day + interval '1 hour' END,"
              + " CASE WHEN st.status = 'SERVED' THEN m.day + interval '11 hours'"
              + "   + (m.k * interval '1 minute') END,"
              + " CASE WHEN st.status = 'SERVED' THEN '"
              + OPERATOR
              + "'::uuid END"
              + " FROM bench_meal m"
              + " CROSS JOIN LATERAL (SELECT CASE WHEN m.roll < 7 THEN 'CANCELLED'"
              + "   WHEN m.roll < 12 THEN 'MISSED' ELSE 'SERVED' END AS status) st"
              + " CROSS JOIN LATERAL (SELECT CASE WHEN m.age >= 80 THEN 'AGE_80_PLUS'"
              + "   WHEN m.age >= 70 THEN 'AGE_70_79' ELSE 'AGE_60_69' END AS category) cat"
              + " CROSS JOIN LATERAL (SELECT 1200 + CASE WHEN m.k % 5 = 0 THEN 800 ELSE 0 END"
              + "   AS total, CASE WHEN st.status = 'CANCELLED' THEN 0 WHEN m.age >= 80 THEN 500"
              + "   WHEN m.age >= 70 THEN 300 ELSE 200 END AS subsidy) p");
      s.executeUpdate(
          "INSERT INTO meal_order_item (order_id, menu_item_id, dish_id, name, unit_price_fen,"
              + " quantity) SELECT m.id, md5('menu' || 1 || m.canteen_id || m.day)::uuid,"
              + " md5('dish' || 1 || m.canteen_id)::uuid, '番茄炒蛋套餐', 1200, 1 FROM bench_meal m"
              + " UNION ALL SELECT m.id, md5('menu' || 2 || m.canteen_id || m.day)::uuid,"
              + " md5('dish' || 2 || m.canteen_id)::uuid, '清蒸鲈鱼', 800, 1 FROM bench_meal m"
              + " WHERE m.k % 5 = 0");
      s.executeUpdate(
          "INSERT INTO meal_subsidy_use (citizen_id, meal_date, meal_type, order_id) SELECT"
              + " o.citizen_id, o.meal_date, 'LUNCH', o.id FROM meal_order o JOIN bench_meal m ON"
              + " m.id = o.id WHERE o.status <> 'CANCELLED'");
      s.executeUpdate(
          "INSERT INTO meal_capacity (canteen_id, meal_date, meal_type, capacity, taken) SELECT"
              + " c.id, d.day, 'LUNCH', 80, coalesce(x.taken, 0) FROM bench_canteen c CROSS JOIN"
              + " bench_day d LEFT JOIN (SELECT canteen_id, day, count(*) AS taken FROM bench_meal"
              + " WHERE roll >= 7 GROUP BY canteen_id, day) x ON x.canteen_id = c.id AND x.day ="
              + " d.day");
      s.executeUpdate(
          "UPDATE meal_menu_item mi SET sold = x.sold FROM (SELECT i.menu_item_id,"
              + " sum(i.quantity) AS sold FROM meal_order_item i JOIN bench_meal m ON m.id ="
              + " i.order_id WHERE m.roll >= 7 GROUP BY i.menu_item_id) x WHERE mi.id ="
              + " x.menu_item_id");
    }
  }

  private static String toChineseOrdinal(int n) {
    String[] digits = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    return n <= 10 ? digits[n] : "十" + digits[n - 10];
  }

  static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
