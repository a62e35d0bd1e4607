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

  /** What later scenarios need to know about the seed. */
  record Seeded(
      long citizens,
      List<Long> publishedPolicyIds,
      List<String> counties,
      List<String> townships,
      long policyVersions) {}

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
    c.commit();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE");
    }
    List<String> townships =
        strings(c, "SELECT code FROM region WHERE level = 'TOWNSHIP' ORDER BY code");
    long versions = count(c, "SELECT count(*) FROM policy_version");
    return new Seeded(citizens, policyIds, counties, townships, versions);
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
