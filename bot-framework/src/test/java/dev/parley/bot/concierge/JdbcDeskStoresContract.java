package dev.parley.bot.concierge;

import dev.parley.bot.agent.AgentActionLog;
import dev.parley.bot.agent.JdbcAgentActionLog;
import dev.parley.bot.handoff.HandoffStore;
import dev.parley.bot.handoff.JdbcHandoffStore;
import dev.parley.core.conversation.JdbcConversationStore;
import org.junit.jupiter.api.AfterEach;

/**
 * The desk stores' contract on a real database, in the conversation store's database as the server
 * runs them: subclasses name the database.
 */
abstract class JdbcDeskStoresContract extends DeskStoresContract {
  private JdbcConversationStore store;

  /** A JDBC URL of an empty database (or schema) for one test. */
  abstract String freshDatabaseUrl();

  private JdbcConversationStore store() {
    if (store == null) {
      store = JdbcConversationStore.create(freshDatabaseUrl());
    }
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
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
