package dev.parley.bot.concierge;

import dev.parley.core.testing.EmbeddedPostgresDatabases;

/** The desk stores on embedded PostgreSQL: one server per test JVM, a fresh schema per test. */
class PostgresDeskStoresTest extends JdbcDeskStoresContract {
  @Override
  String freshDatabaseUrl() {
    return EmbeddedPostgresDatabases.freshSchemaUrl();
  }
}
