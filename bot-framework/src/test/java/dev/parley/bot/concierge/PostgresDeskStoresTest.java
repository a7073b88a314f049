package dev.parley.bot.concierge;

import dev.parley.bot.agent.AgentActionLog;
import dev.parley.bot.agent.JdbcAgentActionLog;
import dev.parley.bot.handoff.HandoffStore;
import dev.parley.bot.handoff.JdbcHandoffStore;
import dev.parley.core.conversation.JdbcConversationStore;
import dev.parley.core.testing.EmbeddedPostgresDatabases;
import org.junit.jupiter.api.AfterEach;

/** The desk stores on embedded PostgreSQL (one server per test JVM, a fresh schema per test), in the conversation store's database, as the server runs them. */
class PostgresDeskStoresTest extends DeskStoresContract {
  private JdbcConversationStore store;

  private JdbcConversationStore store() {
    if (store == null) {
      store = JdbcConversationStore.create(EmbeddedPostgresDatabases.freshSchemaUrl());
    }
    return store;
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  TaskStore newTaskStore() {
    return JdbcTaskStore.create(store().dataSource());
  }

  @Override
  HandoffStore newHandoffStore() {
    return JdbcHandoffStore.create(store().dataSource());
  }

  @Override
  AgentActionLog newActionLog() {
    return JdbcAgentActionLog.create(store().dataSource());
  }
}
