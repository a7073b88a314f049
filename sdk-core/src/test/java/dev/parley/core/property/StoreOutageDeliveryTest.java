package dev.parley.core.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStoreException;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.message.Text;
import dev.parley.core.outbox.Outbox;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Found by PostgresRestartCrashTest (examples): while PostgreSQL restarted, a delivery whose send path
 * read the store (the 24-hour window) failed with a {@link ConversationStoreException} and the outbox
 * parked the reply for good after one attempt: the customer never got it. A store failure is transient.
 */
class StoreOutageDeliveryTest {

  @Test
  void aDeliveryThatMetAStoreOutageIsRetriedNotParked() {
    InMemoryConversationStore store = new InMemoryConversationStore();
    Outbox outbox = Outbox.builder(store.outbox(), (recipient, message) -> CompletableFuture.failedFuture(
        new ConversationStoreException("conversation store could not find conversation: Connection is closed",
            new SQLException("Connection is closed")))).build();

    outbox.enqueue(Recipient.messenger("106234567890123", "7301234567890123"), new Text("Your parcel left"), "k1");
    outbox.deliverDue();

    assertTrue(outbox.parked(10).isEmpty(), () -> "parked: " + outbox.parked(10));
    assertEquals(1, outbox.counts().pending());
  }
}
