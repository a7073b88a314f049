package dev.parley.bot.server;

/**
 * One thing {@code GET /healthz} checks (the store answers, the outbox is not full). Implementations
 * are thread-safe and quick; a check that throws counts as failing.
 */
@FunctionalInterface
public interface HealthCheck {

  /** Null when healthy, else what is wrong in a few words. */
  String problem();
}
