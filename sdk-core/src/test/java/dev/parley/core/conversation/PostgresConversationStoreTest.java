package dev.parley.core.conversation;

import dev.parley.core.testing.EmbeddedPostgresDatabases;
import dev.parley.core.testing.TestClock;

/** The conversation store contract on the JDBC store over a real (embedded) PostgreSQL server. */
class PostgresConversationStoreTest extends ConversationStoreContract {
  @Override
  protected ConversationStore openStore(TestClock clock) {
    return JdbcConversationStore.builder()
        .jdbcUrl(EmbeddedPostgresDatabases.freshSchemaUrl())
        .clock(clock)
        .maximumPoolSize(4)
        .build();
  }
}
