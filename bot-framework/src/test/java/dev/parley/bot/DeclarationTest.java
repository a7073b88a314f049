package dev.parley.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.conversation.Owner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Mistakes in declaring a bot fail at start-up, saying what is wrong. */
class DeclarationTest {

  private static String message(Runnable declaration) {
    return assertThrows(RuntimeException.class, declaration::run).getMessage();
  }

  @Test
  void aFlowWithoutStepsIsRefused() {
    assertTrue(message(() -> Flow.builder("empty").build()).contains("flow 'empty' has no steps"));
  }

  @Test
  void twoStepsOfOneNameAreRefused() {
    String why = message(() -> Flow.builder("f").ask("x", Prompt.text("X?")).ask("x", Prompt.text("X again?")));
    assertTrue(why.contains("already has a step named 'x'"), why);
  }

  @Test
  void aJumpToAMissingStepIsRefused() {
    String why = message(() -> Flow.builder("f").ask("x", Prompt.text("X?")).goTo("nowhere").build());
    assertTrue(why.contains("jumps to step 'nowhere'"), why);
  }

  @Test
  void aSubFlowTheBotDoesNotHaveIsRefused() {
    Flow flow = Flow.builder("f").subFlow("address").build();
    String why = message(() -> Bot.builder().store(new InMemoryConversationStore())
        .sender((r, m) -> CompletableFuture.completedFuture(null)).flow(flow).build());
    assertTrue(why.contains("runs sub-flow 'address'"), why);
  }

  @Test
  void twoFlowsWithOneTriggerAreRefused() {
    Flow a = Flow.builder("a").triggeredBy("go").say("A").build();
    Flow b = Flow.builder("b").triggeredBy("GO").say("B").build();
    String why = message(() -> Bot.builder().store(new InMemoryConversationStore())
        .sender((r, m) -> CompletableFuture.completedFuture(null)).flow(a).flow(b).build());
    assertTrue(why.contains("both triggered by 'GO'"), why);
  }

  @Test
  void twoFlowsOfOneNameAreRefused() {
    String why = message(() -> Bot.builder().flow(Flow.builder("a").say("x").build()).flow(Flow.builder("a").say("y").build()));
    assertTrue(why.contains("flow named 'a' is already added"), why);
  }

  @Test
  void aBotNeedsAStoreAndAWayToSend() {
    assertTrue(message(() -> Bot.builder().build()).contains("needs a store"));
    assertTrue(message(() -> Bot.builder().store(new InMemoryConversationStore()).build()).contains("needs a way to send"));
  }

  @Test
  void settingsOutOfRangeAreRefusedWithTheValue() {
    assertTrue(message(() -> Bot.builder().workers(0)).contains("workers must be from 1 to 512, got 0"));
    assertTrue(message(() -> Bot.builder().reminderPollInterval(Duration.ofMillis(1))).contains("PT0.001S"));
    assertTrue(message(() -> Bot.builder().handoffOwner(Owner.bot())).contains("not the bot"));
  }

  @Test
  void promptsRefuseBadSettings() {
    assertTrue(message(() -> Prompt.text("")).contains("needs a question"));
    assertTrue(message(() -> Prompt.integer("n?").maxAttempts(0)).contains("maxAttempts must be from 1 to 20, got 0"));
    assertTrue(message(() -> Prompt.choice("which?", List.of())).contains("1 to 13 options"));
    assertTrue(message(() -> Prompt.integer("n?").validate(n -> n > 0, " ")).contains("message"));
  }

  @Test
  void aTimeoutMustComeAfterTheInactivityReminder() {
    String why = message(() -> Flow.builder("f").ask("x", Prompt.text("X?"))
        .inactivityReminder(Duration.ofMinutes(10), "still there?")
        .timeout(Duration.ofMinutes(5), "bye").build());
    assertTrue(why.contains("must be later than the inactivity reminder"), why);
  }

  @Test
  void namesAreCheckedAtOnce() {
    assertTrue(message(() -> Flow.builder("#1")).contains("not starting with '#'"));
    assertTrue(message(() -> GlobalIntent.of(" ", turn -> { })).contains("global intent name"));
    assertTrue(message(() -> Bot.builder().onReminder("", turn -> { })).contains("reminder name"));
  }

  @Test
  void aFlowListsItsStepsInOrder() {
    Flow flow = TableBot.booking();
    assertEquals("booking", flow.name());
    assertEquals(List.of("guests", "when", "email", "ok", "#4", "book", "#6", "dropped"), flow.stepNames());
  }

  @Test
  void startingAFlowTheBotDoesNotHaveFailsTheTurn() {
    Bot.Builder builder = Bot.builder().fallback(turn -> turn.startFlow("missing"));
    try (var chat = dev.parley.bot.testing.ConversationTester.of(builder)) {
      chat.says("hi").expectNoReply();
      assertTrue(chat.view().flows().isEmpty());
    }
  }
}
