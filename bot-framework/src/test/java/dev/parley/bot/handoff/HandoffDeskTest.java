package dev.parley.bot.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.concierge.DeskException;
import dev.parley.bot.concierge.TaskKind;
import dev.parley.bot.concierge.TaskSlots;
import dev.parley.bot.server.DeskRig;
import dev.parley.bot.server.InMemoryPaymentDesk;
import dev.parley.bot.server.MockGraph;
import dev.parley.core.Money;
import dev.parley.core.Parley;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.Owner;
import dev.parley.core.handover.ThreadControl;
import dev.parley.core.webhook.InboundEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HandoffDeskTest {
  private final InMemoryPaymentDesk payments = new InMemoryPaymentDesk();
  private DeskRig rig;

  @BeforeEach
  void customerWrote() {
    rig = new DeskRig(payments);
    rig.customerWrites(rig.customer, "I want to talk to a human");
  }

  @AfterEach
  void close() {
    rig.close();
  }

  private Owner owner() {
    return rig.store.ownership(rig.customer).owner();
  }

  @Test
  void handingOffSilencesTheBotQueuesTheConversationAndTellsTheCustomer() {
    Handoff handoff = rig.handoffs.handOff(rig.customer, HandoffReason.CUSTOMER_ASKED, "I want to talk to a human",
        Map.of("orderNumber", "A-1042"), "en");
    assertEquals(HandoffStatus.WAITING, handoff.status());
    assertEquals(HandoffDesk.QUEUE_OWNER, owner());
    assertTrue(!owner().isBot());
    assertEquals(List.of(rig.customer), rig.handoffs.queue(10).stream().map(Handoff::conversation).toList());
    assertEquals(List.of("I'm passing you to a person from our team. They'll answer here shortly."), rig.customerReads());
    Handoff again = rig.handoffs.handOff(rig.customer, HandoffReason.ANGER, "!!!", Map.of(), "en");
    assertEquals(HandoffReason.CUSTOMER_ASKED, again.reason(), "a second handoff changes nothing");
    assertEquals(1, rig.customerReads().size());
  }

  @Test
  void claimingGivesTheConversationToTheAgentAndTheCustomerHearsWho() {
    rig.handoffs.handOff(rig.customer, HandoffReason.CUSTOMER_ASKED, null, Map.of(), "fr");
    Handoff claimed = rig.handoffs.claim(rig.customer, "alice");
    assertEquals(HandoffStatus.ACTIVE, claimed.status());
    assertEquals(Owner.agent("alice"), owner());
    assertTrue(rig.handoffs.queue(10).isEmpty());
    assertEquals("alice, de notre équipe, a rejoint la conversation.", rig.customerReads().get(1));
    DeskException taken = assertThrows(DeskException.class, () -> rig.handoffs.claim(rig.customer, "bob"));
    assertEquals(DeskException.Problem.CONFLICT, taken.problem());
    assertTrue(taken.getMessage().contains("already claimed by alice"));
  }

  @Test
  void anAgentMayTakeOverAConversationTheBotHas() {
    Handoff taken = rig.handoffs.claim(rig.customer, "alice");
    assertEquals(HandoffReason.AGENT_TOOK_OVER, taken.reason());
    assertEquals(Owner.agent("alice"), owner());
  }

  @Test
  void handingBackGivesTheConversationToTheBotWhichGreets() {
    rig.handoffs.handOff(rig.customer, HandoffReason.CUSTOMER_ASKED, null, Map.of(), "en");
    rig.handoffs.claim(rig.customer, "alice");
    Handoff back = rig.handoffs.handBack(rig.customer, "agent:alice", "agent alice handed back");
    assertEquals(HandoffStatus.BOT, back.status());
    assertTrue(owner().isBot());
    assertEquals("agent alice handed back", rig.store.ownership(rig.customer).reason());
    assertEquals("You're back with the assistant. How can I help?", last(rig.customerReads()));
  }

  @Test
  void theHandBackListenerLetsTheBotResume() {
    List<String> resumed = new ArrayList<>();
    HandoffDesk desk = HandoffDesk.builder(new InMemoryHandoffStore(), rig.store, rig.outbox).clock(rig.clock)
        .onHandBack((conversation, handoff, why) -> resumed.add(conversation.key() + " " + handoff.agent() + " " + why))
        .build();
    desk.claim(rig.customer, "alice");
    desk.handBack(rig.customer, "agent:alice", "done");
    assertEquals(List.of(rig.customer.key() + " alice done"), resumed);
  }

  @Test
  void aConversationIdleForTheConfiguredTimeGoesBackToTheBot() {
    rig.handoffs.handOff(rig.customer, HandoffReason.CUSTOMER_ASKED, null, Map.of(), "en");
    rig.handoffs.claim(rig.customer, "alice");
    rig.clock.advance(Duration.ofMinutes(20));
    rig.handoffs.agentActed(rig.customer, "alice");
    rig.clock.advance(Duration.ofMinutes(20));
    assertEquals(0, rig.handoffs.handBackIdle(), "the agent's reply 20 minutes ago keeps it");
    assertEquals(Owner.agent("alice"), owner());
    rig.clock.advance(Duration.ofMinutes(10));
    assertEquals(1, rig.handoffs.handBackIdle());
    assertTrue(owner().isBot());
    assertEquals("idle for 30 minutes", rig.store.ownership(rig.customer).reason());
    assertEquals(0, rig.handoffs.handBackIdle(), "handed back once");
  }

  @Test
  void aCustomerMessageCountsAsUnreadAndAsActivity() {
    rig.handoffs.handOff(rig.customer, HandoffReason.CUSTOMER_ASKED, null, Map.of(), "en");
    rig.clock.advance(Duration.ofMinutes(25));
    rig.handoffs.observe(messageFrom(rig.customer, "hello? anyone?"));
    rig.handoffs.observe(messageFrom(rig.customer, "still there"));
    assertEquals(2, rig.handoffs.record(rig.customer).unread());
    rig.clock.advance(Duration.ofMinutes(10));
    assertEquals(0, rig.handoffs.handBackIdle(), "the customer wrote 10 minutes ago");
    assertEquals(0, rig.handoffs.markRead(rig.customer).unread());
  }

  @Test
  void messagesToTheBotAreNotCounted() {
    rig.handoffs.observe(messageFrom(rig.customer, "hello"));
    assertEquals(0, rig.handoffs.record(rig.customer).unread());
  }

  @Test
  void notUnderstoodTwiceInARowCallsForAPerson() {
    assertEquals(Optional.empty(), rig.handoffs.trigger(rig.customer, "blorp", false));
    assertEquals(Optional.empty(), rig.handoffs.trigger(rig.customer, "where is my parcel", true));
    assertEquals(Optional.empty(), rig.handoffs.trigger(rig.customer, "blorp", false));
    assertEquals(Optional.of(HandoffReason.LOW_CONFIDENCE), rig.handoffs.trigger(rig.customer, "zzz", false));
    assertEquals(Optional.of(HandoffReason.ANGER), rig.handoffs.trigger(rig.customer, "this is unacceptable", true));
  }

  @Test
  void theContextHasTranscriptSlotsOrdersAndTasks() {
    String customerId = rig.store.customer(rig.customer).id();
    payments.paidOrder(customerId, "A-1042", Money.parse("42.00", "EUR"));
    rig.concierge.open(rig.customer, TaskKind.DELIVERY_PROBLEM, TaskSlots.what("parcel A-1042 never arrived"), "en",
        "bot");
    rig.handoffs.handOff(rig.customer, HandoffReason.PAYMENT_PROBLEM, "charged twice", Map.of("orderNumber", "A-1042"),
        "en");
    HandoffContext context = rig.handoffs.context(rig.customer);
    assertEquals(HandoffReason.PAYMENT_PROBLEM, context.handoff().reason());
    assertEquals("A-1042", context.handoff().slots().get("orderNumber"));
    assertEquals("I want to talk to a human", context.transcript().get(0).summary());
    assertEquals("A-1042", context.orders().get(0).orderId());
    assertEquals(TaskKind.DELIVERY_PROBLEM, context.tasks().get(0).kind());
    assertEquals(customerId, context.customer().id());
  }

  @Test
  void metaInboxEventsMoveTheConversationBetweenTheBotAndMeta() {
    List<InboundEvent> events = InboundEvent.parse(handoverPayload(rig.customer, "take_thread_control"));
    rig.handoffs.observe(events.get(0));
    assertEquals(Owner.metaInbox(), owner());
    assertEquals(HandoffStatus.META_INBOX, rig.handoffs.record(rig.customer).status());
    rig.handoffs.observe(InboundEvent.parse(handoverPayload(rig.customer, "pass_thread_control")).get(0));
    assertTrue(owner().isBot());
  }

  @Test
  void passingToMetasInboxCallsTheHandoverProtocol() {
    ThreadControl threads = Parley.builder().graphApiBase(rig.graph.baseUrl())
        .messengerPage(MockGraph.PAGE_ID, MockGraph.PAGE_TOKEN).build().threadControl();
    HandoffDesk desk = HandoffDesk.builder(new InMemoryHandoffStore(), rig.store, rig.outbox).clock(rig.clock)
        .threadControl(threads).build();
    desk.passToMetaInbox(rig.customer, "agent:alice", "needs the returns team");
    assertEquals(Owner.metaInbox(), owner());
    desk.takeFromMetaInbox(rig.customer, "agent:alice");
    assertTrue(owner().isBot());
    List<String> paths = rig.graph.paths();
    assertTrue(paths.contains("/v25.0/me/pass_thread_control") && paths.contains("/v25.0/me/take_thread_control"),
        paths.toString());
    var pass = rig.graph.requests().stream().filter(r -> r.getUrl().encodedPath().endsWith("pass_thread_control"))
        .findFirst().orElseThrow();
    assertEquals("Bearer " + MockGraph.PAGE_TOKEN, pass.getHeaders().get("Authorization"));
    assertTrue(!pass.getUrl().toString().contains(MockGraph.PAGE_TOKEN), "the token never travels in the URL");
    assertTrue(pass.getBody().utf8().contains("\"target_app_id\":\"263902037430900\""));
    assertThrows(DeskException.class, () -> rig.handoffs.passToMetaInbox(rig.customer, "agent:alice", null),
        "without a page there is no Meta inbox");
  }

  @Test
  void anAgentNameIsRequired() {
    assertEquals(DeskException.Problem.INVALID, assertThrows(DeskException.class,
        () -> rig.handoffs.claim(rig.customer, " ")).problem());
    assertNull(rig.handoffs.record(rig.customer).agent());
  }

  static InboundEvent messageFrom(Recipient who, String text) {
    String payload = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + who.businessId() + "\",\"time\":1,\"messaging\":[{"
        + "\"sender\":{\"id\":\"" + who.userId() + "\"},\"recipient\":{\"id\":\"" + who.businessId() + "\"},"
        + "\"timestamp\":" + System.nanoTime() + ",\"message\":{\"mid\":\"m_" + System.nanoTime() + "\",\"text\":\""
        + text + "\"}}]}]}";
    return InboundEvent.parse(payload).get(0);
  }

  static String handoverPayload(Recipient who, String kind) {
    return "{\"object\":\"page\",\"entry\":[{\"id\":\"" + who.businessId() + "\",\"time\":1,\"messaging\":[{"
        + "\"sender\":{\"id\":\"" + who.userId() + "\"},\"recipient\":{\"id\":\"" + who.businessId() + "\"},"
        + "\"timestamp\":1717000600001,\"" + kind + "\":{\"previous_owner_app_id\":\"1517776481860111\","
        + "\"new_owner_app_id\":\"263902037430900\",\"metadata\":\"x\"}}]}]}";
  }

  private static String last(List<String> texts) {
    return texts.get(texts.size() - 1);
  }
}
