package dev.parley.bot.agent;

import java.util.List;

/**
 * Where the agent API records who did what. Implementations: {@link InMemoryAgentActionLog} and
 * {@link JdbcAgentActionLog}. Thread-safe.
 */
public interface AgentActionLog {

  /** Records an action (its id is ignored) and returns it with the log's id. */
  AgentAction record(AgentAction action);

  /** The most recent actions, newest first, at most {@code limit}; on {@code target} only when it is not null. */
  List<AgentAction> recent(String target, int limit);
}
