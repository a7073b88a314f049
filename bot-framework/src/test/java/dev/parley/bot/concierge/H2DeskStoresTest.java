package dev.parley.bot.concierge;

import dev.parley.bot.agent.AgentActionLog;
import dev.parley.bot.agent.JdbcAgentActionLog;
import dev.parley.bot.handoff.HandoffStore;
import dev.parley.bot.handoff.JdbcHandoffStore;
import dev.parley.core.conversation.JdbcConversationStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/** The desk stores on H2 in PostgreSQL mode, in the conversation store's database, as the server runs them. */
class H2DeskStoresTest extends DeskStoresContract {
  private static final AtomicInteger names = new AtomicInteger();
  private JdbcConversationStore store;

  private JdbcConversationStore store() {
    if (store == null) {
      store = JdbcConversationStore.create("jdbc:h2:mem:desk" + names.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
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
