package dev.parley.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.Recipient;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The store's values refuse what no store could keep, and say why. */
class ConversationValuesTest {
  private static final Recipient ADA = Recipient.messenger("1001", "psid-ada");

  @Test
  void aProfileMergeReplacesOnlyWhatTheUpdateKnows() {
    Profile stored = new Profile("Ada", "https://cdn.example/a.jpg", null, "ada@example.org");

    assertEquals(new Profile("Ada Lovelace", "https://cdn.example/a.jpg", "+44 20 7946 0000", "ada@example.org"),
        stored.mergedWith(new Profile("Ada Lovelace", null, "+44 20 7946 0000", null)));
    assertEquals(stored, stored.filledFrom(new Profile("Someone else", null, null, "other@example.org")));
  }

  @Test
  void blankProfileFieldsAreUnknownAndOversizedOnesAreRefused() {
    assertEquals(Profile.EMPTY, new Profile("  ", "", null, "\t"));
    assertEquals("Ada", Profile.named("  Ada ").name());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.named("A".repeat(301)));
    assertTrue(e.getMessage().contains("301 characters") && e.getMessage().contains("at most 300"), e.getMessage());
  }

  @Test
  void onlyAgentsHaveNamesAndEveryAgentHasOne() {
    assertEquals("Jeeves", Owner.agent("  Jeeves ").agentName());
    assertNull(Owner.bot().agentName());
    assertThrows(IllegalArgumentException.class, () -> Owner.agent(" "));
    IllegalArgumentException stray = assertThrows(IllegalArgumentException.class,
        () -> new Author(Author.Kind.BOT, "Jeeves"));
    assertTrue(stray.getMessage().contains("only an AGENT author has a name"), stray.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Author.agent("x".repeat(201)));
  }

  @Test
  void anOutboundMessageIsNotTheCustomers() {
    assertThrows(IllegalArgumentException.class,
        () -> NewMessage.outbound(ADA, Author.customer(), "hi", null, null, Instant.EPOCH));
    assertEquals(DeliveryStatus.PENDING, NewMessage.outbound(ADA, Author.bot(), "hi", null, null, Instant.EPOCH)
        .initialStatus());
    assertEquals(DeliveryStatus.SENT, NewMessage.outbound(ADA, Author.bot(), "hi", null, "m_1", Instant.EPOCH)
        .initialStatus());
    assertEquals(DeliveryStatus.RECEIVED, NewMessage.inbound(ADA, "hi", null, "m_2", Instant.EPOCH).initialStatus());
  }

  @Test
  void stateVersionZeroMeansNoState() {
    assertThrows(IllegalArgumentException.class, () -> new ConversationState(0, "{}"));
    assertThrows(IllegalArgumentException.class, () -> new ConversationState(-1, null));
    assertTrue(ConversationState.NONE.isEmpty());
  }

  @Test
  void aTimerNeedsAKeyOfSensibleLength() {
    assertThrows(IllegalArgumentException.class, () -> new ConversationTimer(" ", ADA, Instant.EPOCH, null));
    assertThrows(IllegalArgumentException.class, () -> new ConversationTimer("k".repeat(301), ADA, Instant.EPOCH, null));
  }
}
