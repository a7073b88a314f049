package dev.parley.bot.handoff;

import dev.parley.core.Recipient;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where handoff records are kept. Implementations: {@link InMemoryHandoffStore} and {@link
 * JdbcHandoffStore} (the conversation store's database). Thread-safe; writes are compare-and-set on
 * {@link Handoff#version()}.
 */
public interface HandoffStore {

  /** The record of the conversation, if it ever had one. */
  Optional<Handoff> find(Recipient conversation);

  /**
   * Writes {@code handoff} if the stored version is still {@code handoff.version()} (0: none stored
   * yet).
   *
   * @return the stored record with the next version, or empty if someone else wrote first
   */
  Optional<Handoff> save(Handoff handoff);

  /** Records in any of {@code statuses}, longest waiting first (by {@code requestedAt}), at most {@code limit}. */
  List<Handoff> list(Set<HandoffStatus> statuses, int limit);

  /**
   * Records waiting or claimed (WAITING, ACTIVE) whose last activity is at or before {@code cutoff},
   * oldest activity first, at most {@code limit}: the conversations to hand back for idleness.
   */
  List<Handoff> idle(java.time.Instant cutoff, int limit);
}
