package dev.parley.bot.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agents allowed into the inbox and their tokens, from {@code PARLEY_AGENT_TOKENS}
 * ({@code alice:s3cret-token,bob:another-token}). Authentication compares the SHA-256 of the
 * presented token with every agent's in constant time, and always looks at all of them, so timing
 * tells nothing about which token or how much of it matched. Tokens never appear in
 * {@link #toString()} nor in exception messages. Immutable, thread-safe.
 */
public final class AgentTokens {
  /** The shortest token accepted: a guessable token would open the refund button. */
  public static final int MIN_TOKEN_LENGTH = 16;

  private final Map<String, byte[]> digests;

  private AgentTokens(Map<String, byte[]> digests) {
    this.digests = digests;
  }

  /** No agent: the inbox is closed. */
  public static AgentTokens none() {
    return new AgentTokens(Map.of());
  }

  /**
   * Parses {@code name:token,name:token}. Blank means no agent. Throws naming the faulty entry by
   * position and agent name (never the token): a missing {@code :}, a bad name, a token shorter than
   * {@value #MIN_TOKEN_LENGTH} characters or containing spaces or commas, a name or token used twice.
   */
  public static AgentTokens parse(String value) {
    if (value == null || value.isBlank()) {
      return none();
    }
    Map<String, byte[]> digests = new LinkedHashMap<>();
    List<byte[]> seen = new ArrayList<>();
    String[] entries = value.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      int colon = entry.indexOf(':');
      String where = "entry " + (i + 1);
      if (colon <= 0) {
        throw new IllegalArgumentException(where + " is not name:token");
      }
      String name = entry.substring(0, colon).strip();
      String token = entry.substring(colon + 1).strip();
      try {
        new Agent(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage());
      }
      if (token.length() < MIN_TOKEN_LENGTH || token.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(where + " (agent " + name + "): the token must be at least "
            + MIN_TOKEN_LENGTH + " characters without spaces; it has " + token.length());
      }
      if (digests.containsKey(name)) {
        throw new IllegalArgumentException(where + ": agent " + name + " is listed twice");
      }
      byte[] digest = sha256(token);
      for (byte[] other : seen) {
        if (MessageDigest.isEqual(other, digest)) {
          throw new IllegalArgumentException(where + " (agent " + name + "): the token is already another agent's");
        }
      }
      seen.add(digest);
      digests.put(name, digest);
    }
    return new AgentTokens(Map.copyOf(digests));
  }

  /** The agent whose token this is, if any. */
  public Optional<Agent> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 1024) {
      return Optional.empty();
    }
    byte[] presented = sha256(token);
    String match = null;
    for (Map.Entry<String, byte[]> entry : digests.entrySet()) {
      if (MessageDigest.isEqual(entry.getValue(), presented)) {
        match = entry.getKey();
      }
    }
    return match == null ? Optional.empty() : Optional.of(new Agent(match));
  }

  /** True when no agent is configured: every request of the agent API is refused. */
  public boolean isEmpty() {
    return digests.isEmpty();
  }

  /** The agents' names. */
  public List<String> names() {
    return digests.keySet().stream().sorted().toList();
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "AgentTokens" + names() + " (tokens redacted)";
  }
}
