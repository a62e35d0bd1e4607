package org.fingertip.platform.config;

import io.smallrye.config.ConfigMapping;

/**
 * The database: one URL ({@code postgresql://host:5432/db}) from which both the reactive and the
 * migration (JDBC) URLs are derived. Being a config mapping, it is validated before anything
 * starts, so a missing {@code FINGERTIP_DB_URL} stops production start-up with a message that names
 * it. Dev and test get the embedded database when it is unset.
 */
@ConfigMapping(prefix = "fingertip.database")
public interface DatabaseConfig {

  String url();

  String username();

  String password();
}
