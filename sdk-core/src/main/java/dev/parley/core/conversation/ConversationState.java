package dev.parley.core.conversation;

/**
 * The bot's state for one conversation (the flow it is in, its slots), as an opaque text blob with a
 * version for compare-and-set: {@link ConversationStore#compareAndSetState} writes only when the
 * version the caller read is still current, so two turns never silently overwrite each other.
 * Version 0 means no state was ever written. Values, thread-safe.
 *
 * @param version the version, 0 when there is no state
 * @param data the blob (typically JSON), null at version 0
 */
public record ConversationState(long version, String data) {

  /** No state yet. */
  public static final ConversationState NONE = new ConversationState(0, null);

  public ConversationState {
    if (version < 0) {
      throw new IllegalArgumentException("state version must be >= 0, got " + version);
    }
    if (version == 0 && data != null) {
      throw new IllegalArgumentException("state version 0 is 'no state' and carries no data");
    }
  }

  public boolean isEmpty() {
    return version == 0;
  }
}
