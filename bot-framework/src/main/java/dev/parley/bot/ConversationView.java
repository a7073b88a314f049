package dev.parley.bot;

import dev.parley.core.Recipient;
import dev.parley.core.conversation.Owner;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the bot knows about one conversation right now, for an agent taking over, a dashboard or a
 * test: who owns it, the flows running (outermost first), the step the innermost one waits at, its
 * slots and the conversation's memory. A snapshot; values, thread-safe.
 *
 * @param recipient the conversation
 * @param owner who answers it
 * @param flows names of the running flows, outermost first; empty when none runs
 * @param step the innermost flow's current step, or null when no flow runs
 * @param slots the innermost flow's slots (empty when none runs); values as {@link Slots#get} returns them
 * @param memory the conversation's memory ({@link Turn#memory()})
 * @param stateVersion the version of the stored state, 0 if the bot never saved any
 */
public record ConversationView(Recipient recipient, Owner owner, List<String> flows, String step,
    Map<String, Object> slots, Map<String, Object> memory, long stateVersion) {

  public ConversationView {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(owner, "owner");
    flows = List.copyOf(flows);
    slots = Map.copyOf(slots);
    memory = Map.copyOf(memory);
  }

  /** The innermost running flow, or null. */
  public String flow() {
    return flows.isEmpty() ? null : flows.get(flows.size() - 1);
  }
}
