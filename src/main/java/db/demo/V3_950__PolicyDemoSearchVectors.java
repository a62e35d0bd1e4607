package db.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.fingertip.policy.search.ChineseTokenizer;
import org.fingertip.policy.search.PolicyDocument;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Demo data only (the {@code db/demo} location is not loaded in prod): computes the search vectors
 * of the demo policy versions inserted by SQL, because the CJK bigrams are made in Java (see {@link
 * ChineseTokenizer}) and SQL cannot call it. Versions published through the API are indexed by the
 * publish itself.
 */
public class V3_950__PolicyDemoSearchVectors extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    try (PreparedStatement select =
            c.prepareStatement(
                "SELECT id, title, summary, document_number, issuing_body, category, body"
                    + " FROM policy_version WHERE search_vector = ''::tsvector");
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE policy_version SET search_vector = CAST(? AS tsvector) WHERE id = ?");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        update.setString(
            1,
            PolicyDocument.tsvector(
                rs.getString("title"),
                rs.getString("summary"),
                rs.getString("document_number"),
                rs.getString("issuing_body"),
                rs.getString("category"),
                rs.getString("body")));
        update.setLong(2, rs.getLong("id"));
        update.executeUpdate();
      }
    }
  }
}
