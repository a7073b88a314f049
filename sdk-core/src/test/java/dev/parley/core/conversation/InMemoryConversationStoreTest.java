package dev.parley.core.conversation;

import dev.parley.core.testing.TestClock;

/** The conversation store contract on the in-memory store. */
class InMemoryConversationStoreTest extends ConversationStoreContract {
  @Override
  protected ConversationStore openStore(TestClock clock) {
    return new InMemoryConversationStore(clock);
  }
}
