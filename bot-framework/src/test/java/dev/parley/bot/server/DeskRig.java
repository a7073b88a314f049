package dev.parley.bot.server;

import dev.parley.bot.agent.AgentApi;
import dev.parley.bot.agent.InMemoryAgentActionLog;
import dev.parley.bot.concierge.ConciergeDesk;
import dev.parley.bot.concierge.InMemoryTaskStore;
import dev.parley.bot.concierge.PaymentDesk;
import dev.parley.bot.handoff.HandoffDesk;
import dev.parley.bot.handoff.InMemoryHandoffStore;
import dev.parley.core.Parley;
import dev.parley.core.RateLimits;
import dev.parley.core.Recipient;
import dev.parley.core.RetryPolicy;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.conversation.NewMessage;
import dev.parley.core.outbox.Outbox;
import dev.parley.core.testing.TestClock;
import java.time.Duration;
import java.util.List;

/**
 * The desks wired as in production over in-memory stores, sending through a real Parley client and
 * outbox to a {@link MockGraph}. Time is a {@link TestClock}; {@link #customerReads()} drains the
 * outbox and returns what reached the customer.
 */
public final class DeskRig implements AutoCloseable {
  public final MockGraph graph = new MockGraph();
  public final TestClock clock = new TestClock();
  public final InMemoryConversationStore store = new InMemoryConversationStore(clock);
  public final InMemoryTaskStore tasks = new InMemoryTaskStore();
  public final InMemoryHandoffStore handoffStore = new InMemoryHandoffStore();
  public final Parley parley;
  public final Outbox outbox;
  public final ConciergeDesk concierge;
  public final HandoffDesk handoffs;
  public final AgentApi agents;
  public final Recipient customer = Recipient.messenger(MockGraph.PAGE_ID, "3100000001");

  public DeskRig() {
    this(PaymentDesk.none());
  }

  public DeskRig(PaymentDesk payments) {
    parley = Parley.builder().messengerPage(MockGraph.PAGE_ID, MockGraph.PAGE_TOKEN)
        .whatsAppNumber(MockGraph.PHONE_ID, MockGraph.WHATSAPP_TOKEN)
        .graphApiBase(graph.baseUrl()).clock(clock).lastInboundTimes(store).rateLimits(RateLimits.none())
        .retryPolicy(RetryPolicy.none()).build();
    outbox = Outbox.builder(store.outbox(), parley::sendAsync).clock(clock).build();
    concierge = ConciergeDesk.builder(tasks, store, outbox).payments(payments).clock(clock).build();
    handoffs = HandoffDesk.builder(handoffStore, store, outbox).payments(payments).tasks(tasks).clock(clock)
        .idleHandBack(Duration.ofMinutes(30)).build();
    agents = AgentApi.builder(store, handoffs, concierge, parley).payments(payments)
        .actions(new InMemoryAgentActionLog()).clock(clock).build();
  }

  /** The customer writes {@code text} now (recorded as the bot runtime would). */
  public void customerWrites(Recipient who, String text) {
    store.append(NewMessage.inbound(who, text, null, "mid.in." + System.nanoTime(), clock.instant()));
  }

  /** Delivers what the outbox holds and returns every text the customer got so far. */
  public List<String> customerReads() {
    // One pass delivers the head of each customer's queue: pass until nothing is left.
    while (outbox.deliverDue() > 0) {
      continue;
    }
    return graph.texts();
  }

  @Override
  public void close() {
    outbox.close();
    graph.close();
  }
}
