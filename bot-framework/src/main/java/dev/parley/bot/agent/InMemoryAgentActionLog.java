package dev.parley.bot.agent;

import java.util.ArrayList;
import java.util.List;

/** An {@link AgentActionLog} in memory, keeping the last 10,000 actions. Thread-safe. */
public final class InMemoryAgentActionLog implements AgentActionLog {
  private static final int CAPACITY = 10_000;
  private final List<AgentAction> actions = new ArrayList<>();
  private long next = 1;

  @Override
  public synchronized AgentAction record(AgentAction action) {
    AgentAction stored = new AgentAction(next++, action.at(), action.agent(), action.action(), action.target(),
        action.detail());
    actions.add(stored);
    if (actions.size() > CAPACITY) {
      actions.remove(0);
    }
    return stored;
  }

  @Override
  public synchronized List<AgentAction> recent(String target, int limit) {
    List<AgentAction> result = new ArrayList<>();
    for (int i = actions.size() - 1; i >= 0 && result.size() < limit; i--) {
      AgentAction action = actions.get(i);
      if (target == null || target.equals(action.target())) {
        result.add(action);
      }
    }
    return result;
  }
}
