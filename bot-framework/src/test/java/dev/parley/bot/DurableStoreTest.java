package dev.parley.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.testing.CustomerEvents;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStoreException;
import dev.parley.core.conversation.JdbcConversationStore;
import dev.parley.core.conversation.StoredMessage;
import dev.parley.core.internal.MessageJson;
import dev.parley.core.message.Text;
import dev.parley.core.outbox.Outbox;
import dev.parley.core.webhook.InboundEvent;
import dev.parley.core.webhook.WebhookHandler;
import dev.parley.core.webhook.WebhookResponse;
import dev.parley.core.webhook.WebhookSigner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime on the embedded H2 file store: restarts, two runtimes on one database, failed saves. */
class DurableStoreTest {
  private static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
  private static final Recipient ADA = Recipient.messenger("1000000001", "2000000001");

  @TempDir
  Path dir;

  private String url() {
    return JdbcConversationStore.h2FileUrl(dir.resolve("parley"));
  }

  private static Bot tableBot(JdbcConversationStore store, SteppedClock clock, RecordingSender sender) {
    return TableBot.configure(Bot.builder()).store(store).sender(sender).clock(clock).build();
  }

  private static List<String> pendingTexts(JdbcConversationStore store) {
    List<String> texts = new ArrayList<>();
    for (long id = 1; ; id++) {
      var entry = store.outbox().find(id);
      if (entry.isEmpty()) {
        return texts;
      }
      texts.add(((Text) MessageJson.fromJson(entry.get().payload())).text().replaceAll("\\s+", " "));
    }
  }

  private static String lastText(List<String> texts) {
    return texts.get(texts.size() - 1);
  }

  @Test
  void flowStateAndPendingRemindersSurviveARestart() {
    SteppedClock clock = new SteppedClock(T0);
    RecordingSender sender = new RecordingSender();
    try (JdbcConversationStore store = JdbcConversationStore.create(url());
        Bot bot = tableBot(store, clock, sender)) {
      bot.handle(CustomerEvents.text(ADA, "book", "m_1", T0)).join();
      bot.handle(CustomerEvents.text(ADA, "3", "m_2", T0)).join();
      assertEquals("Which day and time?", lastText(pendingTexts(store)));
    }
    clock.advance(Duration.ofMinutes(15)); // the inactivity reminder fell due while the service was down
    try (JdbcConversationStore store = JdbcConversationStore.create(url());
        Bot bot = tableBot(store, clock, sender)) {
      assertEquals("booking", bot.view(ADA).flow());
      assertEquals("when", bot.view(ADA).step());
      assertEquals(1, bot.fireDueReminders());
      List<String> texts = pendingTexts(store);
      assertEquals(List.of("Are you still there?", "Which day and time?"), texts.subList(texts.size() - 2, texts.size()));
      assertEquals(0, bot.fireDueReminders());
      bot.handle(CustomerEvents.text(ADA, "tomorrow 20:00", "m_3", clock.instant())).join();
      assertEquals("Your e-mail for the confirmation?", lastText(pendingTexts(store)));
      assertEquals(new java.math.BigDecimal(3), bot.view(ADA).slots().get("guests"));
    }
  }

  @Test
  void aReminderScheduledBeforeARestartFiresAfterIt() {
    SteppedClock clock = new SteppedClock(T0);
    RecordingSender sender = new RecordingSender();
    try (JdbcConversationStore store = JdbcConversationStore.create(url());
        Bot bot = tableBot(store, clock, sender)) {
      bot.remind(ADA, "booking-tomorrow", T0.plus(Duration.ofDays(1)), null);
    }
    clock.advance(Duration.ofDays(2));
    try (JdbcConversationStore store = JdbcConversationStore.create(url());
        Bot bot = tableBot(store, clock, sender)) {
      assertEquals(1, bot.fireDueReminders());
      assertEquals(List.of("Reminder: your table is tomorrow."), pendingTexts(store));
    }
  }

  @Test
  void remindersFireOnceWithTwoRuntimesOnOneDatabase() throws Exception {
    SteppedClock clock = new SteppedClock(T0);
    int conversations = 60;
    try (JdbcConversationStore storeA = JdbcConversationStore.create(url());
        JdbcConversationStore storeB = JdbcConversationStore.create(url());
        Bot nodeA = tableBot(storeA, clock, new RecordingSender());
        Bot nodeB = tableBot(storeB, clock, new RecordingSender())) {
      for (int i = 0; i < conversations; i++) {
        (i % 2 == 0 ? nodeA : nodeB).remind(Recipient.messenger("1000000001", "30000" + i), "booking-tomorrow",
            T0.plus(Duration.ofMinutes(1 + i % 5)), null);
      }
      clock.advance(Duration.ofMinutes(10));
      ExecutorService nodes = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> polls = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
          polls.add(nodes.submit(nodeA::fireDueReminders));
          polls.add(nodes.submit(nodeB::fireDueReminders));
        }
        int fired = 0;
        for (Future<Integer> poll : polls) {
          fired += poll.get(60, TimeUnit.SECONDS);
        }
        assertEquals(conversations, fired);
      } finally {
        nodes.shutdown();
      }
      List<String> texts = pendingTexts(storeA);
      assertEquals(conversations, texts.size());
      assertTrue(texts.stream().allMatch("Reminder: your table is tomorrow."::equals));
      assertEquals(0, nodeA.fireDueReminders() + nodeB.fireDueReminders());
    }
  }

  @Test
  void aFailedSaveSendsNothingAndTheRedispatchedTurnAnswersOnce() throws Exception {
    AtomicBoolean bloated = new AtomicBoolean(true);
    try (JdbcConversationStore store = JdbcConversationStore.create(url())) {
      try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
        s.execute("ALTER TABLE parley_conversation ADD CONSTRAINT bot_state_is_small"
            + " CHECK (state_data IS NULL OR LENGTH(state_data) < 2000)");
      }
      Bot bot = Bot.builder().store(store).sender(new RecordingSender())
          .fallback(turn -> {
            turn.memory().put("notes", bloated.get() ? "x".repeat(5000) : "short");
            turn.reply("Noted.");
            turn.remindIn(Duration.ofHours(1), "follow-up");
          })
          .build();
      try (bot) {
        InboundEvent hello = CustomerEvents.text(ADA, "remember this", "m_1", T0);
        store.record(hello.dedupKey(), hello.from(), hello.occurredAt(), hello.rawJson());
        CompletionException failed = assertThrows(CompletionException.class, () -> bot.handle(hello).join());
        assertInstanceOf(ConversationStoreException.class, failed.getCause());
        assertEquals(0, store.outbox().counts().pending());
        assertTrue(store.findTimer(Reminders.timerKey(ADA, "follow-up")).isEmpty());
        assertEquals(List.of(hello.dedupKey()), store.unhandled(10).stream().map(e -> e.eventKey()).toList());

        bloated.set(false); // what made the save fail is gone: the journal hands the event over again
        InboundEvent again = InboundEvent.fromJournal(store.unhandled(10).get(0));
        assertEquals(TurnOutcome.HANDLED, bot.handle(again).join());
        assertEquals(TurnOutcome.DUPLICATE, bot.handle(again).join());
        assertEquals(List.of("Noted."), pendingTexts(store));
        assertTrue(store.unhandled(10).isEmpty());
        List<StoredMessage> history = store.history(store.conversation(ADA).customerId(), Long.MAX_VALUE, 10).messages();
        assertEquals(List.of("remember this", "Noted."), history.stream().map(StoredMessage::summary).toList());
      }
    }
  }

  @Test
  void conversationsOnTheDatabaseKeepTheirOrderUnderConcurrency() throws Exception {
    try (JdbcConversationStore store = JdbcConversationStore.create(url());
        Bot bot = Bot.builder().store(store).sender(new RecordingSender()).workers(6)
            .fallback(turn -> {
              String seen = turn.memory().string("seen", "");
              turn.memory().put("seen", seen.isEmpty() ? turn.text() : seen + "," + turn.text());
            })
            .build()) {
      List<CompletableFuture<TurnOutcome>> turns = new ArrayList<>();
      for (int m = 0; m < 8; m++) {
        for (int c = 0; c < 15; c++) {
          turns.add(bot.handle(CustomerEvents.text(Recipient.messenger("1000000001", "4000" + c), "" + m,
              "m_" + c + "_" + m, T0)));
        }
      }
      CompletableFuture.allOf(turns.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      for (int c = 0; c < 15; c++) {
        assertEquals("0,1,2,3,4,5,6,7", bot.view(Recipient.messenger("1000000001", "4000" + c)).memory().get("seen"));
      }
    }
  }

  @Test
  void signedWebhooksReachTheBotAndAreMarkedHandledOnlyOnceTheTurnIsSaved() {
    String secret = "test-app-secret";
    RecordingSender sender = new RecordingSender();
    ExecutorService webhookThreads = Executors.newFixedThreadPool(2);
    try (JdbcConversationStore store = JdbcConversationStore.create(url());
        Bot bot = Bot.builder().store(store).sender(sender).fallback(turn -> turn.reply("Hello " + turn.text())).build()) {
      WebhookHandler webhooks = WebhookHandler.builder()
          .appSecret(secret).verifyToken("verify").journal(store).listener(bot.webhookListener())
          .executor(webhookThreads).build();
      String payload = "{\"object\":\"page\",\"entry\":[{\"id\":\"1000000001\",\"time\":1736154000000,\"messaging\":[{"
          + "\"sender\":{\"id\":\"2000000001\"},\"recipient\":{\"id\":\"1000000001\"},\"timestamp\":1736154000000,"
          + "\"message\":{\"mid\":\"m_webhook_1\",\"text\":\"there\"}}]}]}";
      WebhookResponse response = webhooks.handle(WebhookSigner.withAppSecret(secret).signedPost(payload));
      assertEquals(200, response.status());
      webhooks.handle(WebhookSigner.withAppSecret(secret).signedPost(payload)); // Meta delivers it again
      waitUntil(() -> store.outbox().counts().pending() >= 1 && store.unhandled(10).isEmpty());
      assertEquals(List.of("Hello there"), pendingTexts(store));

      // a crash between the 200 and the turn: the journal keeps the event, the next start runs it once
      InboundEvent lost = CustomerEvents.text(ADA, "again", "m_webhook_2", T0);
      store.record(lost.dedupKey(), lost.from(), lost.occurredAt(), lost.rawJson());
      assertEquals(1, webhooks.redispatchUnhandled(1000));
      waitUntil(() -> store.unhandled(10).isEmpty());
      assertEquals(0, webhooks.redispatchUnhandled(1000));
      assertEquals(List.of("Hello there", "Hello again"), pendingTexts(store));
    } finally {
      webhookThreads.shutdown();
    }
  }

  @Test
  void theOutboxTheBotBuiltDeliversRepliesOnceStarted() {
    RecordingSender sender = new RecordingSender();
    try (JdbcConversationStore store = JdbcConversationStore.create(url());
        Bot bot = Bot.builder().store(store).sender(sender).outboxPollInterval(Duration.ofMillis(10))
            .fallback(turn -> turn.reply("one").reply("two")).build()) {
      bot.start();
      bot.handle(CustomerEvents.text(ADA, "hi", "m_1", Instant.now())).join();
      waitUntil(() -> sender.sent().size() == 2);
      assertEquals(List.of("one", "two"), sender.textsTo(ADA));
    }
  }

  @Test
  void aBotOverAnOutboxYouBuiltWritesIntoItsQueue() {
    RecordingSender sender = new RecordingSender();
    try (JdbcConversationStore store = JdbcConversationStore.create(url());
        Outbox outbox = Outbox.builder(store.outbox(), sender).build();
        Bot bot = Bot.builder().store(store).outbox(outbox).fallback(turn -> turn.reply("hi")).build()) {
      bot.handle(CustomerEvents.text(ADA, "hello", "m_1", T0)).join();
      assertEquals(1, outbox.deliverDue());
      assertEquals(List.of("hi"), sender.textsTo(ADA));
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 30 s");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
