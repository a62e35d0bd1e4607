package org.fingertip.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * JDBC helpers for the raw baselines: prepared statements (pgjdbc switches to a named server-side
 * statement after a few uses, as the reactive client reuses its prepared statements), and every
 * column of every row read, as Hibernate does when it builds entities.
 */
final class Sql {

  /** Columns Hibernate selects for a PolicyVersion (search_vector is not mapped). */
  static final String VERSION_COLUMNS =
      "pv1_0.id,pv1_0.body,pv1_0.category,pv1_0.change_note,pv1_0.document_number,"
          + "pv1_0.effective_from,pv1_0.effective_to,pv1_0.is_current,pv1_0.issuing_body,"
          + "pv1_0.policy_id,pv1_0.published_at,pv1_0.published_by,pv1_0.region_code,"
          + "pv1_0.summary,pv1_0.title,pv1_0.version";

  static final String REGION_COLUMNS = "r1_0.code,r1_0.level,r1_0.name,r1_0.parent_code,r1_0.path";

  static final String STANDARD_COLUMNS =
      "s1_0.id,s1_0.amount_fen,s1_0.effective_from,s1_0.factor,s1_0.note,s1_0.policy_id,"
          + "s1_0.region_code,s1_0.type";

  private Sql() {}

  /** Runs a query and reads every column; returns the rows' first column values. */
  static List<Object> query(Connection c, String sql, Object... params) throws SQLException {
    List<Object> first = new ArrayList<>();
    for (Object[] row : rows(c, sql, params)) {
      first.add(row[0]);
    }
    return first;
  }

  /** Runs a query and reads every column of every row. */
  static List<Object[]> rows(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<Object[]> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Object[] row = new Object[columns];
          for (int i = 0; i < columns; i++) {
            row[i] = rs.getObject(i + 1);
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  /** Index of region_code in {@link #VERSION_COLUMNS}. */
  static final int VERSION_REGION = 12;

  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }

  /** "?,?,?" for an IN list of n values, as Hibernate renders a collection parameter. */
  static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }

  static Object[] concat(Collection<?> values, Object... tail) {
    List<Object> all = new ArrayList<>(values);
    Collections.addAll(all, tail);
    return all.toArray();
  }
}
