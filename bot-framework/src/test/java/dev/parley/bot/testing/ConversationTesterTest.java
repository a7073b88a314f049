package dev.parley.bot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.Bot;
import dev.parley.bot.Flow;
import dev.parley.bot.Prompt;
import dev.parley.core.message.Button;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.Text;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tester's own promises: what it checks, and that a failed expectation says what happened. */
class ConversationTesterTest {

  private static Bot.Builder echo() {
    return Bot.builder()
        .onPayload("ORDER", turn -> turn.reply("Ordered."))
        .onReminder("ping", turn -> turn.reply("ping at " + turn.now()))
        .fallback(turn -> {
          if ("menu".equals(turn.text())) {
            turn.replyWithButtons("Menu", Button.postback("Order", "ORDER"), Button.url("Site", "https://example.com"));
          } else if ("later".equals(turn.text())) {
            turn.remindIn(Duration.ofMinutes(30), "ping");
            turn.reply("Later then.");
          } else {
            turn.reply("You said " + turn.text());
          }
        });
  }

  @Test
  void aWrongExpectationFailsWithTheTranscript() {
    try (ConversationTester chat = ConversationTester.of(echo())) {
      AssertionError failure = assertThrows(AssertionError.class, () -> chat.says("hello").expectReply("Goodbye"));
      assertTrue(failure.getMessage().contains("expected a reply 'Goodbye' but got 'You said hello'"), failure.getMessage());
      assertTrue(failure.getMessage().contains("customer: hello\nbot: 'You said hello'"), failure.getMessage());
    }
  }

  @Test
  void expectNoReplyFailsWhileRepliesAreLeft() {
    try (ConversationTester chat = ConversationTester.of(echo())) {
      chat.says("one").says("two").expectReply("You said one");
      AssertionError failure = assertThrows(AssertionError.class, chat::expectNoReply);
      assertTrue(failure.getMessage().contains("'You said two'"), failure.getMessage());
    }
  }

  @Test
  void expectingAReplyWhenThereIsNoneFails() {
    try (ConversationTester chat = ConversationTester.of(echo())) {
      assertThrows(AssertionError.class, () -> chat.expectReplyContaining("anything"));
    }
  }

  @Test
  void tappingAButtonSendsItsPostback() {
    try (ConversationTester chat = ConversationTester.of(echo())) {
      chat.says("menu").expectReply("Menu").expectQuickReplies("Order", "Site")
          .tapsButton("Order").expectReply("Ordered.");
      AssertionError failure = assertThrows(AssertionError.class, () -> chat.tapsButton("Nope"));
      assertTrue(failure.getMessage().contains("no postback button titled 'Nope'"), failure.getMessage());
    }
  }

  @Test
  void tappingAQuickReplyThatWasNotOfferedFails() {
    try (ConversationTester chat = ConversationTester.of(echo())) {
      AssertionError failure = assertThrows(AssertionError.class, () -> chat.tapsQuickReply("Yes"));
      assertTrue(failure.getMessage().contains("offered no quick replies"), failure.getMessage());
    }
  }

  @Test
  void remindersFireWhenTheClockReachesThemAndNotBefore() {
    try (ConversationTester chat = ConversationTester.of(echo())) {
      chat.says("later").expectReply("Later then.")
          .advanceClock(Duration.ofMinutes(29)).expectNoReply()
          .advanceClock(Duration.ofMinutes(1))
          .expectReply("ping at " + ConversationTester.DEFAULT_START.plus(Duration.ofMinutes(30)))
          .advanceClock(Duration.ofDays(1)).expectNoReply();
    }
  }

  @Test
  void expectMessageComparesWholeMessages() {
    try (ConversationTester chat = ConversationTester.of(echo())) {
      chat.says("menu").expectMessage(Buttons.of("Menu", Button.postback("Order", "ORDER"),
          Button.url("Site", "https://example.com")));
      chat.says("x").expectMessage(new Text("You said x"));
    }
  }

  @Test
  void expectationsOnFlowsSayWhereTheConversationIs() {
    Flow flow = Flow.builder("f").triggeredBy("go").ask("x", Prompt.text("X?")).build();
    try (ConversationTester chat = ConversationTester.of(Bot.builder().flow(flow))) {
      chat.says("go").expectReply("X?").expectStep("f", "x");
      AssertionError failure = assertThrows(AssertionError.class, chat::expectNoFlow);
      assertTrue(failure.getMessage().contains("[f] run, at step 'x'"), failure.getMessage());
      AssertionError slot = assertThrows(AssertionError.class, () -> chat.expectSlot("x", "y"));
      assertTrue(slot.getMessage().contains("expected slot 'x' to be y but it is null"), slot.getMessage());
    }
  }

  @Test
  void everyDeliveredMessageIsKeptInOrder() {
    try (ConversationTester chat = ConversationTester.of(echo())) {
      chat.says("a").says("b");
      assertEquals(2, chat.sent().size());
      assertEquals(new Text("You said b"), chat.sent().get(1));
      assertTrue(chat.transcript().endsWith("bot: 'You said b'"));
    }
  }
}
