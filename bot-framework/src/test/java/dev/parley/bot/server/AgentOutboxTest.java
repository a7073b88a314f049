package dev.parley.bot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.agent.Agent;
import dev.parley.bot.agent.TranscriptMessage;
import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.handoff.HandoffDesk;
import dev.parley.bot.handoff.HandoffReason;
import dev.parley.core.outbox.OutboxCounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an agent sends goes through the outbox the notices go through: behind them, never past them.
 * The rig's outbox is drained by hand, so a reply answers {@code pending} while notices are queued.
 */
class AgentOutboxTest {
  private final DeskRig rig = new DeskRig();
  private final Agent alice = new Agent("alice");

  @AfterEach
  void close() {
    rig.close();
  }

  @Test
  void aReplyHeldUpByQueuedNoticesAnswersPendingAndReachesTheCustomerAfterThem() {
    rig.customerWrites(rig.customer, "I want to talk to a human");
    rig.handoffs.handOff(rig.customer, HandoffReason.CUSTOMER_ASKED, null, Map.of(), "en");

    TranscriptMessage reply = rig.agents.reply(alice, rig.customer.key(), "Hello, I'm Alice. How can I help?");

    assertEquals("pending", reply.status(), "queued behind the hand-off and join notices");
    assertEquals(List.of("I'm passing you to a person from our team. They'll answer here shortly.",
        "alice from our team has joined the conversation.", "Hello, I'm Alice. How can I help?"), rig.customerReads());
    TranscriptMessage inTranscript = rig.agents.transcript(rig.customer.key(), 0, 0, 50).messages().stream()
        .filter(m -> m.id() == reply.id()).findFirst().orElseThrow();
    assertEquals("sent", inTranscript.status(), "the line moves on once the outbox delivered it");
  }

  @Test
  void aReplyThePolicyRefusesIsRefusedAtOnceWithNothingQueuedAndNothingClaimed() {
    rig.customerWrites(rig.customer, "I want to talk to a human");
    rig.handoffs.handOff(rig.customer, HandoffReason.CUSTOMER_ASKED, null, Map.of(), "en");
    rig.customerReads();
    rig.clock.advance(Duration.ofDays(8));

    DeskException refused = assertThrows(DeskException.class,
        () -> rig.agents.reply(alice, rig.customer.key(), "Still there?"));

    assertEquals(DeskException.Problem.REFUSED_BY_POLICY, refused.problem());
    assertTrue(refused.getMessage().contains("at most 7 days"), refused.getMessage());
    assertEquals(new OutboxCounts(0, 0, 0, 1), rig.outbox.counts(), "only the hand-off notice was ever queued");
    assertEquals(HandoffDesk.QUEUE_OWNER, rig.store.ownership(rig.customer).owner(), "still waiting for a person");
  }
}
