package dev.parley.bot.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * One action an agent took through the agent API, for the record: who, what, on what, when.
 * Values, thread-safe.
 *
 * @param id the log's id, growing with time
 * @param at when
 * @param agent the agent's name
 * @param action what: {@code claim}, {@code reply}, {@code hand_back}, {@code refund}, {@code task_complete}, ...
 * @param target the conversation id or {@code task:<number>}
 * @param detail a short description (an amount, an outcome), never a secret
 */
public record AgentAction(long id, Instant at, String agent, String action, String target, String detail) {

  public AgentAction {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    detail = detail == null ? "" : detail.length() > 500 ? detail.substring(0, 499) + "…" : detail;
  }
}
