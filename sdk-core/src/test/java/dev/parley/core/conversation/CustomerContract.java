package dev.parley.core.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract on customers, identities, linking and profiles. */
abstract class CustomerContract extends StoreContractSupport {

  @Test
  void aCustomerIsCreatedOnFirstSightAndStaysTheSame() {
    Customer first = store.customer(ADA_MESSENGER);
    Customer again = store.customer(ADA_MESSENGER);

    assertEquals(first.id(), again.id());
    assertEquals(List.of(ADA_MESSENGER), first.identities());
    assertEquals(Profile.EMPTY, first.profile());
    assertEquals(clock.instant(), first.createdAt());
    assertFalse(first.profileFetched());
    assertNotEquals(first.id(), store.customer(BOB).id());
  }

  @Test
  void findingAnUnknownCustomerCreatesNothing() {
    assertTrue(store.findCustomer(ADA_MESSENGER).isEmpty());
    assertTrue(store.findCustomer(ADA_MESSENGER).isEmpty());
    assertTrue(store.findConversation(ADA_MESSENGER).isEmpty());
    assertTrue(store.findCustomerById("no-such-id").isEmpty());
  }

  @Test
  void linkingTwoIdentitiesGivesOneCustomerOneHistory() {
    Customer messenger = store.customer(ADA_MESSENGER);
    clock.advance(Duration.ofMinutes(1));
    Customer whatsApp = store.customer(ADA_WHATSAPP);
    customerSays(ADA_MESSENGER, "hello from messenger", "m_1", minutesAgo(3));
    customerSays(ADA_WHATSAPP, "hello from whatsapp", "wamid.1", minutesAgo(2));
    botSays(ADA_WHATSAPP, "hi Ada", "wamid.2", minutesAgo(1));

    Customer linked = store.link(ADA_MESSENGER, ADA_WHATSAPP);

    assertEquals(messenger.id(), linked.id());
    assertEquals(List.of(ADA_MESSENGER, ADA_WHATSAPP), linked.identities());
    assertTrue(store.findCustomerById(whatsApp.id()).isEmpty(), "the merged-away customer no longer exists");
    assertEquals(linked.id(), store.customer(ADA_WHATSAPP).id());
    assertEquals(linked.id(), store.conversation(ADA_WHATSAPP).customerId());
    assertEquals(List.of("hello from messenger", "hello from whatsapp", "hi Ada"),
        summaries(store.history(linked.id(), Long.MAX_VALUE, 10)));
  }

  @Test
  void linkingKeepsTheSurvivorsProfileAndFillsItsGaps() {
    Customer messenger = store.customer(ADA_MESSENGER);
    store.updateProfile(messenger.id(), new Profile("Ada L.", "https://cdn.example/ada.jpg", null, null));
    Customer whatsApp = store.customer(ADA_WHATSAPP);
    store.updateProfile(whatsApp.id(), new Profile("Ada Lovelace", null, "+15550001111", null));

    Customer linked = store.link(ADA_MESSENGER, ADA_WHATSAPP);

    assertEquals(new Profile("Ada L.", "https://cdn.example/ada.jpg", "+15550001111", null), linked.profile());
  }

  @Test
  void linkingIsIdempotentAndTransitive() {
    Customer ada = store.link(ADA_MESSENGER, ADA_WHATSAPP);
    assertEquals(ada, store.link(ADA_MESSENGER, ADA_WHATSAPP));
    assertEquals(ada.id(), store.link(ADA_WHATSAPP, ADA_MESSENGER).id());

    Customer all = store.link(ADA_OTHER_PAGE, ADA_WHATSAPP);

    assertEquals(3, all.identities().size());
    assertEquals(all.id(), store.customer(ADA_MESSENGER).id());
    assertEquals(all.id(), store.customer(ADA_OTHER_PAGE).id());
  }

  @Test
  void aProfileUpdateReplacesWhatItKnowsAndKeepsTheRest() {
    String id = store.customer(ADA_WHATSAPP).id();
    store.updateProfile(id, Profile.named("Ada"));
    Customer updated = store.updateProfile(id, new Profile(null, null, null, "ada@example.org"));

    assertEquals(new Profile("Ada", null, null, "ada@example.org"), updated.profile());
    assertEquals(updated, store.findCustomerById(id).orElseThrow());
    assertFalse(updated.profileFetched(), "a profile the customer shared is not a platform fetch");
  }

  @Test
  void aProfileFetchIsRecordedSoItIsNotFetchedAgain() {
    String id = store.customer(ADA_MESSENGER).id();
    Customer fetched = store.recordProfileFetch(id, new Profile("Ada Lovelace", "https://cdn.example/a.jpg", null,
        null), minutesAgo(1));

    assertTrue(fetched.profileFetched());
    assertEquals(minutesAgo(1), fetched.profileFetchedAt());
    assertEquals("Ada Lovelace", store.customer(ADA_MESSENGER).profile().name());
  }

  @Test
  void updatingTheProfileOfAnUnknownCustomerFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> store.updateProfile("ghost", Profile.named("Nobody")));
    assertTrue(e.getMessage().contains("ghost"), e.getMessage());
  }

  @Test
  void aNewConversationBelongsToTheBot() {
    Conversation conversation = store.conversation(ADA_MESSENGER);

    assertEquals(ADA_MESSENGER, conversation.recipient());
    assertEquals(Owner.bot(), conversation.owner());
    assertEquals(clock.instant(), conversation.ownership().since());
    assertEquals(clock.instant(), conversation.startedAt());
    assertNull(conversation.lastInboundAt());
    assertNull(conversation.lastMessageAt());
  }

  @Test
  void handingAConversationToAnAgentAndBackIsRecordedWithSinceAndReason() {
    store.conversation(ADA_MESSENGER);
    Ownership toAgent = store.assignOwner(ADA_MESSENGER, Owner.agent("Jeeves"), "customer asked for a human",
        minutesAgo(5));

    assertEquals(toAgent, store.ownership(ADA_MESSENGER));
    assertEquals("Jeeves", store.conversation(ADA_MESSENGER).owner().agentName());
    assertEquals(Owner.bot(), store.ownership(ADA_WHATSAPP).owner(), "other conversations are untouched");

    store.assignOwner(ADA_MESSENGER, Owner.metaInbox(), "pass_thread_control", minutesAgo(3));
    Ownership back = store.assignOwner(ADA_MESSENGER, Owner.bot(), "agent handed back", minutesAgo(1));

    assertEquals(new Ownership(Owner.bot(), minutesAgo(1), "agent handed back"), store.ownership(ADA_MESSENGER));
    assertEquals(back, store.conversation(ADA_MESSENGER).ownership());
  }

  @Test
  void theInboxQueueListsConversationsByOwnerMostRecentlyActiveFirst() {
    store.assignOwner(ADA_MESSENGER, Owner.agent("Jeeves"), "help", clock.instant());
    store.assignOwner(BOB, Owner.agent("Jeeves"), "help", clock.instant());
    store.assignOwner(ADA_WHATSAPP, Owner.metaInbox(), "routing", clock.instant());
    store.conversation(ADA_OTHER_PAGE);
    customerSays(ADA_MESSENGER, "anyone?", "m_a", minutesAgo(10));
    customerSays(BOB, "hello?", "m_b", minutesAgo(2));

    List<Conversation> agents = store.conversationsOwnedBy(Owner.Kind.AGENT, 10);

    assertEquals(List.of(BOB, ADA_MESSENGER), agents.stream().map(Conversation::recipient).toList());
    assertEquals(List.of(ADA_WHATSAPP),
        store.conversationsOwnedBy(Owner.Kind.META_INBOX, 10).stream().map(Conversation::recipient).toList());
    assertEquals(1, store.conversationsOwnedBy(Owner.Kind.AGENT, 1).size());
    assertEquals(List.of(ADA_OTHER_PAGE),
        store.conversationsOwnedBy(Owner.Kind.BOT, 10).stream().map(Conversation::recipient).toList());
  }
}
