package dev.parley.core.internal;

import com.google.gson.JsonObject;
import dev.parley.core.Channel;
import dev.parley.core.message.RawMessage;

/**
 * The JSON a {@link RawMessage} parsed when it was built, for the messaging policy and the
 * renderers, so that no send parses it again while RawMessage's public API shows no gson type.
 * RawMessage installs its side when its class is initialised, which happens before any RawMessage
 * exists. Public for wiring only; not an API. Thread-safe.
 */
public final class RawMessageJson {
  /** RawMessage's side: a fresh copy of its parsed JSON for a channel, or null. */
  public interface Source {
    JsonObject copyFor(RawMessage message, Channel channel);
  }

  private static volatile Source source;

  private RawMessageJson() {}

  /** Called once, by RawMessage. */
  public static synchronized void install(Source from) {
    if (source != null) {
      throw new IllegalStateException("RawMessageJson is installed by RawMessage only, once");
    }
    source = from;
  }

  /** A copy the caller may change of {@code message}'s parsed JSON for {@code channel}, or null when it has none. */
  public static JsonObject copyFor(RawMessage message, Channel channel) {
    return source.copyFor(message, channel);
  }
}
