package dev.parley.bot.agent;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signed-in inbox sessions: a random 256-bit id (the cookie's value) per sign-in, mapped to the
 * agent, for 12 hours. Kept in memory: a restart signs everyone out. The id is not the agent's
 * token, so the cookie never carries a token. Thread-safe.
 */
final class AgentSessions {
  static final Duration LIFETIME = Duration.ofHours(12);
  private static final int CAPACITY = 10_000;

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Map<String, Session> sessions = new LinkedHashMap<>();

  AgentSessions(Clock clock) {
    this.clock = clock;
  }

  private record Session(Agent agent, Instant expiresAt) {}

  synchronized String open(Agent agent) {
    purge();
    if (sessions.size() >= CAPACITY) {
      Iterator<String> oldest = sessions.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes);
    sessions.put(id, new Session(agent, clock.instant().plus(LIFETIME)));
    return id;
  }

  synchronized Optional<Agent> find(String id) {
    if (id == null || id.length() != 64) {
      return Optional.empty();
    }
    Session session = sessions.get(id);
    if (session == null || !session.expiresAt().isAfter(clock.instant())) {
      sessions.remove(id);
      return Optional.empty();
    }
    return Optional.of(session.agent());
  }

  synchronized void close(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  private void purge() {
    Instant now = clock.instant();
    sessions.values().removeIf(session -> !session.expiresAt().isAfter(now));
  }
}
