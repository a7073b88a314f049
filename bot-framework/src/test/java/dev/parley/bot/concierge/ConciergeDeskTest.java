package dev.parley.bot.concierge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.concierge.DeskException.Problem;
import dev.parley.bot.concierge.TaskEvent.Change;
import dev.parley.bot.server.DeskRig;
import dev.parley.bot.server.InMemoryPaymentDesk;
import dev.parley.core.Money;
import dev.parley.core.conversation.StoredMessage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConciergeDeskTest {
  private final InMemoryPaymentDesk payments = new InMemoryPaymentDesk();
  private DeskRig rig;

  @BeforeEach
  void customerWroteRecently() {
    rig = new DeskRig(payments);
    rig.customerWrites(rig.customer, "Can you book me a table for four on Friday?");
  }

  @AfterEach
  void close() {
    rig.close();
  }

  private ConciergeTask open(String language) {
    return rig.concierge.open(rig.customer, TaskKind.RESERVATION,
        TaskSlots.what("a table for four").withWhen("Friday 8pm").withBudget(Money.parse("150.00", "EUR")), language,
        "bot");
  }

  @Test
  void theCustomerHearsOfEveryStepOfTheLifecycle() {
    ConciergeTask task = open("en");
    assertEquals(List.of("Thanks! I've passed your request to our team as task #1001 (a table for four). "
        + "I'll keep you posted here."), rig.customerReads());

    rig.concierge.claim(task.number(), "alice");
    assertEquals("alice from our team is now working on your request #1001.", last(rig.customerReads()));

    ConciergeTask waiting = rig.concierge.message(task.number(), "alice", "Chez Marcel or Le Bistrot?", true);
    assertEquals(TaskStatus.WAITING_FOR_CUSTOMER, waiting.status());
    assertEquals("About your request #1001: Chez Marcel or Le Bistrot?", last(rig.customerReads()));

    List<ConciergeTask> answered = rig.concierge.customerReplied(rig.customer, "Chez Marcel please");
    assertEquals(1, answered.size());
    assertEquals(TaskStatus.CLAIMED, answered.get(0).status());

    ConciergeTask done = rig.concierge.complete(task.number(), "alice", "Booked at Chez Marcel, Friday 8pm, for four.");
    assertEquals(TaskStatus.DONE, done.status());
    assertEquals("Your request #1001 is done: Booked at Chez Marcel, Friday 8pm, for four.", last(rig.customerReads()));
    assertEquals(4, rig.customerReads().size(), "one message per change the customer hears of (not their own reply)");

    assertEquals(List.of(Change.CREATED, Change.CLAIMED, Change.MESSAGE_TO_CUSTOMER, Change.CUSTOMER_REPLIED,
        Change.DONE), done.history().stream().map(TaskEvent::change).toList());
    assertEquals(List.of("bot", "agent:alice", "agent:alice", "customer", "agent:alice"),
        done.history().stream().map(TaskEvent::actor).toList());
    assertEquals("Chez Marcel please", done.history().get(3).text());
  }

  @Test
  void whatTheCustomerIsToldIsInTheTranscriptToo() {
    open("en");
    String customerId = rig.store.customer(rig.customer).id();
    List<StoredMessage> history = rig.store.history(customerId, Long.MAX_VALUE, 10).messages();
    assertTrue(history.get(history.size() - 1).summary().contains("task #1001"));
    assertTrue(!history.get(history.size() - 1).inbound());
  }

  @Test
  void frenchCustomersReadFrench() {
    ConciergeTask task = open("fr-FR");
    rig.concierge.claim(task.number(), "alice");
    rig.concierge.cancel(task.number(), "agent:alice", "le restaurant est complet");
    List<String> read = rig.customerReads();
    assertTrue(read.get(0).startsWith("Merci ! J'ai transmis votre demande"), read.get(0));
    assertEquals("alice, de notre équipe, s'occupe maintenant de votre demande #1001.", read.get(1));
    assertEquals("Votre demande #1001 a été annulée : le restaurant est complet", read.get(2));
  }

  @Test
  void aFinishedTaskRefusesEveryChange() {
    ConciergeTask task = open("en");
    rig.concierge.cancel(task.number(), "customer", "changed my mind");
    for (Runnable action : List.<Runnable>of(
        () -> rig.concierge.claim(task.number(), "bob"),
        () -> rig.concierge.message(task.number(), "bob", "hello", false),
        () -> rig.concierge.complete(task.number(), "bob", "done"),
        () -> rig.concierge.cancel(task.number(), "agent:bob", "again"))) {
      DeskException e = assertThrows(DeskException.class, action::run);
      assertEquals(Problem.CONFLICT, e.problem());
      assertTrue(e.getMessage().contains("#1001 is cancelled"), e.getMessage());
    }
    assertEquals(2, rig.customerReads().size());
  }

  @Test
  void aPurchaseGetsAPaymentButtonThroughThePaymentDesk() {
    ConciergeTask task = rig.concierge.open(rig.customer, TaskKind.PURCHASE, TaskSlots.what("a red scarf"), "en", "bot");
    ConciergeTask waiting = rig.concierge.requestPayment(task.number(), "alice", Money.parse("89.00", "EUR"),
        "Red scarf");
    assertEquals(TaskStatus.WAITING_FOR_CUSTOMER, waiting.status());
    assertEquals("alice", waiting.assignee());
    rig.customerReads();
    var body = rig.graph.sends().get(1).getAsJsonObject("message").getAsJsonObject("attachment")
        .getAsJsonObject("payload");
    assertEquals("To go ahead with your request #1001 (Red scarf), please pay €89.00.", body.get("text").getAsString());
    var button = body.getAsJsonArray("buttons").get(0).getAsJsonObject();
    assertEquals("Pay €89.00", button.get("title").getAsString());
    assertEquals("https://pay.example/P-1", button.get("url").getAsString());
    rig.concierge.requestPayment(task.number(), "alice", Money.parse("89.00", "EUR"), "Red scarf");
    assertEquals(1, payments.orders(task.customerId(), rig.customer).size(), "asking again gives the same link");
  }

  @Test
  void withoutPaymentsAPaymentButtonIsRefusedInWords() {
    try (DeskRig plain = new DeskRig()) {
      plain.customerWrites(plain.customer, "hi");
      ConciergeTask task = plain.concierge.open(plain.customer, TaskKind.PURCHASE, TaskSlots.EMPTY, "en", "bot");
      DeskException e = assertThrows(DeskException.class,
          () -> plain.concierge.requestPayment(task.number(), "alice", Money.parse("10.00", "EUR"), "x"));
      assertEquals(Problem.PAYMENTS_OFF, e.problem());
      assertTrue(e.getMessage().contains("STRIPE_API_KEY"));
    }
  }

  @Test
  void theQueueIsOldestFirstAndFiltersByStatus() {
    ConciergeTask first = open("en");
    rig.clock.advance(Duration.ofMinutes(5));
    ConciergeTask second = open("en");
    rig.concierge.claim(first.number(), "alice");
    assertEquals(List.of(second.number()), numbers(rig.concierge.queue(EnumSet.of(TaskStatus.NEW), 10)));
    assertEquals(List.of(first.number(), second.number()), numbers(rig.concierge.queue(TaskStatus.OPEN, 10)));
    assertEquals(Duration.ofMinutes(5), first.age(second.createdAt()));
  }

  @Test
  void badInputIsRefusedInWords() {
    ConciergeTask task = open("en");
    assertEquals(Problem.INVALID, assertThrows(DeskException.class,
        () -> rig.concierge.message(task.number(), "alice", "  ", false)).problem());
    assertEquals(Problem.INVALID, assertThrows(DeskException.class,
        () -> rig.concierge.message(task.number(), "alice", "x".repeat(1801), false)).problem());
    assertEquals(Problem.INVALID, assertThrows(DeskException.class,
        () -> rig.concierge.claim(task.number(), " ")).problem());
    assertEquals(Problem.NOT_FOUND, assertThrows(DeskException.class, () -> rig.concierge.claim(4242, "alice"))
        .problem());
    assertEquals(Problem.INVALID, assertThrows(DeskException.class,
        () -> rig.concierge.requestPayment(task.number(), "alice", Money.zero("EUR"), "free")).problem());
  }

  private static List<Long> numbers(List<ConciergeTask> tasks) {
    return tasks.stream().map(ConciergeTask::number).toList();
  }

  private static String last(List<String> texts) {
    return texts.get(texts.size() - 1);
  }
}
