package org.fingertip.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;

/** What scenarios may use: the app's address, tokens, and the database. */
final class BenchContext {

  private final BenchEnvironment environment;
  final Seeder.Seeded seeded;

  BenchContext(BenchEnvironment environment, Seeder.Seeded seeded) {
    this.environment = environment;
    this.seeded = seeded;
  }

  URI uri(String pathAndQuery) {
    return environment.uri(pathAndQuery);
  }

  long appCpuMillis() throws java.io.IOException {
    return environment.appCpuMillis();
  }

  String token(String subject, String... roles) throws Exception {
    return environment.token(subject, roles);
  }

  /** A new connection as the app's database user; the caller closes it. */
  Connection connect() throws SQLException {
    return environment.connect();
  }
}
