package dev.parley.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.testing.ConversationTester;
import dev.parley.bot.testing.CustomerEvents;
import dev.parley.core.Recipient;
import dev.parley.core.SenderAction;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.conversation.Owner;
import dev.parley.core.conversation.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MiddlewareTest {

  @Test
  void middlewareRunsInTheOrderAddedAroundTheHandlers() {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    Bot.Builder builder = Bot.builder()
        .use(chain -> {
          calls.add("outer before");
          chain.proceed(chain.turn());
          calls.add("outer after");
        })
        .use(chain -> {
          calls.add("inner before");
          chain.proceed(chain.turn());
          calls.add("inner after");
        })
        .fallback(turn -> calls.add("handler"));
    try (ConversationTester chat = ConversationTester.of(builder)) {
      chat.says("hi");
    }
    assertEquals(List.of("outer before", "inner before", "handler", "inner after", "outer after"), calls);
  }

  @Test
  void middlewareThatDoesNotProceedKeepsHandlersAwayAndCanAnswerItself() {
    Bot.Builder builder = Bot.builder()
        .use(chain -> {
          Turn turn = chain.turn();
          if (turn.text() != null && turn.text().contains("darn")) {
            turn.reply("Let's keep it friendly.");
            return;
          }
          chain.proceed(turn);
        })
        .fallback(turn -> turn.reply("echo " + turn.text()));
    try (ConversationTester chat = ConversationTester.of(builder)) {
      chat.says("darn it").expectReply("Let's keep it friendly.").expectNoReply()
          .says("hello").expectReply("echo hello");
    }
  }

  @Test
  void middlewareSeesTheRepliesHandlersMade() {
    List<Integer> counts = new ArrayList<>();
    Bot.Builder builder = Bot.builder()
        .use(chain -> {
          chain.proceed(chain.turn());
          counts.add(chain.turn().replies().size());
          chain.turn().reply("(sent by the bot)");
        })
        .fallback(turn -> turn.reply("one").reply("two"));
    try (ConversationTester chat = ConversationTester.of(builder)) {
      chat.says("hi").expectReply("one").expectReply("two").expectReply("(sent by the bot)");
    }
    assertEquals(List.of(2), counts);
  }

  @Test
  void proceedingTwiceIsRefusedAndTheTurnFails() {
    Bot.Builder builder = Bot.builder()
        .use(chain -> {
          chain.proceed(chain.turn());
          chain.proceed(chain.turn());
        })
        .fallback(turn -> turn.reply("hello"));
    try (ConversationTester chat = ConversationTester.of(builder)) {
      chat.says("hi").expectNoReply();
    }
  }

  @Test
  void theTypingIndicatorGoesOutAtOnceForACustomersMessage() {
    List<SenderAction> actions = Collections.synchronizedList(new ArrayList<>());
    Recipient customer = Recipient.whatsApp("109876543210987", "16505551234");
    Bot.Builder builder = Bot.builder()
        .senderActions((recipient, action) -> {
          actions.add(action);
          return CompletableFuture.completedFuture(null);
        })
        .use(Middleware.typingIndicator())
        .fallback(turn -> {
          assertEquals(1, actions.size(), "typing shows before the handler works");
          turn.reply("hi");
        });
    try (ConversationTester chat = ConversationTester.of(builder, customer, ConversationTester.DEFAULT_START)) {
      chat.says("hello").expectReply("hi");
    }
    assertEquals(List.of(SenderAction.typingOn("wamid.customer1")), actions);
  }

  @Test
  void noTypingIndicatorWhileAHumanOwnsTheConversation() {
    List<SenderAction> actions = Collections.synchronizedList(new ArrayList<>());
    Bot.Builder builder = Bot.builder()
        .senderActions((recipient, action) -> {
          actions.add(action);
          return CompletableFuture.completedFuture(null);
        })
        .use(Middleware.typingIndicator())
        .fallback(turn -> turn.reply("hi"));
    try (ConversationTester chat = ConversationTester.of(builder)) {
      chat.handOff(Owner.agent("Marie")).says("hello").expectNoReply();
    }
    assertTrue(actions.isEmpty());
  }

  @Test
  void aFailingTypingIndicatorDoesNotFailTheTurn() {
    Bot.Builder builder = Bot.builder()
        .senderActions((recipient, action) -> CompletableFuture.failedFuture(new IllegalStateException("platform down")))
        .use(Middleware.typingIndicator())
        .fallback(turn -> turn.reply("hi"));
    try (ConversationTester chat = ConversationTester.of(builder)) {
      chat.says("hello").expectReply("hi");
    }
  }

  @Test
  void metricsHearCompletedSilencedAndFailedTurns() {
    AtomicInteger completed = new AtomicInteger();
    AtomicInteger silenced = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Integer> replies = new ArrayList<>();
    TurnMetrics metrics = new TurnMetrics() {
      @Override
      public void turnCompleted(Turn turn, Duration elapsed, int count) {
        completed.incrementAndGet();
        replies.add(count);
        assertFalse(elapsed.isNegative());
      }

      @Override
      public void turnFailed(Turn turn, Duration elapsed, Throwable failure) {
        failed.incrementAndGet();
      }

      @Override
      public void turnSilenced(Turn turn) {
        silenced.incrementAndGet();
      }
    };
    Bot.Builder builder = Bot.builder()
        .use(Middleware.metrics(metrics))
        .onPayload("BOOM", turn -> {
          throw new IllegalStateException("handler bug");
        })
        .fallback(turn -> turn.reply("a").reply("b"));
    try (ConversationTester chat = ConversationTester.of(builder)) {
      chat.says("hi").postback("BOOM").handOff(Owner.agent("Marie")).says("hello?");
    }
    assertEquals(1, completed.get());
    assertEquals(List.of(2), replies);
    assertEquals(1, failed.get());
    assertEquals(1, silenced.get());
  }

  @Test
  void loggingMiddlewarePassesTurnsAndFailuresThrough() {
    Bot.Builder builder = Bot.builder()
        .use(Middleware.logging())
        .onPayload("BOOM", turn -> {
          throw new IllegalStateException("handler bug");
        })
        .fallback(turn -> turn.reply("ok"));
    try (ConversationTester chat = ConversationTester.of(builder)) {
      chat.says("hi").expectReply("ok").postback("BOOM").expectNoReply().says("again").expectReply("ok");
    }
  }

  @Test
  void aHandlerThatThrowsSendsNothingChangesNothingButTheMessageIsRecorded() {
    InMemoryConversationStore store = new InMemoryConversationStore();
    List<String> sent = Collections.synchronizedList(new ArrayList<>());
    Recipient ada = Recipient.messenger("1000000001", "2000000001");
    Bot bot = Bot.builder()
        .store(store)
        .sender((recipient, message) -> {
          sent.add(message.toString());
          return CompletableFuture.failedFuture(new IllegalStateException("not used"));
        })
        .fallback(turn -> {
          turn.memory().put("touched", true);
          turn.reply("half an answer");
          turn.remindIn(Duration.ofMinutes(5), "nudge");
          throw new IllegalArgumentException("handler bug");
        })
        .build();
    try (bot) {
      TurnOutcome outcome = bot.handle(CustomerEvents.text(ada, "hello", "m_1", Instant.now())).join();
      assertEquals(TurnOutcome.FAILED, outcome);
      assertEquals(0, store.outbox().counts().unfinished());
      assertTrue(bot.view(ada).memory().isEmpty());
      assertTrue(store.findTimer(Reminders.timerKey(ada, "nudge")).isEmpty());
      List<StoredMessage> history = store.history(store.conversation(ada).customerId(), Long.MAX_VALUE, 10).messages();
      assertEquals(List.of("hello"), history.stream().map(StoredMessage::summary).toList());
      assertEquals(TurnOutcome.DUPLICATE, bot.handle(CustomerEvents.text(ada, "hello", "m_1", Instant.now())).join());
    }
  }

  @Test
  void theOwnerCheckCanBePlacedOutermost() {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Bot.Builder builder = Bot.builder()
        .use(Middleware.ownerCheck())
        .use(chain -> {
          seen.add(chain.turn().text());
          chain.proceed(chain.turn());
        })
        .fallback(turn -> turn.reply("ok"));
    try (ConversationTester chat = ConversationTester.of(builder)) {
      chat.says("one").handOff(Owner.agent("Marie")).says("two").handBack().says("three");
    }
    assertEquals(List.of("one", "three"), seen.stream().filter(t -> t != null).toList());
  }
}
