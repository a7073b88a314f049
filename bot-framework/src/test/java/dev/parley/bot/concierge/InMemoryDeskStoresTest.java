package dev.parley.bot.concierge;

import dev.parley.bot.agent.AgentActionLog;
import dev.parley.bot.agent.InMemoryAgentActionLog;
import dev.parley.bot.handoff.HandoffStore;
import dev.parley.bot.handoff.InMemoryHandoffStore;

class InMemoryDeskStoresTest extends DeskStoresContract {
  @Override
  TaskStore newTaskStore() {
    return new InMemoryTaskStore();
  }

  @Override
  HandoffStore newHandoffStore() {
    return new InMemoryHandoffStore();
  }

  @Override
  AgentActionLog newActionLog() {
    return new InMemoryAgentActionLog();
  }
}
