package dev.parley.examples.readme;

import dev.parley.bot.Bot;
import dev.parley.bot.Flow;
import dev.parley.bot.Prompt;
import dev.parley.bot.testing.ConversationTester;
import org.junit.jupiter.api.Test;

/** The README's example for bot developers: a flow and its ConversationTester test, compiled and run. */
class BotDeveloperExampleTest {

  // --- README: bot developers ---
  static Bot.Builder giftWrapping(Bot.Builder bot) {
    Flow wrap = Flow.builder("gift_wrap")
        .triggeredBy("Gift wrap", "GIFT_WRAP")            // a phrase or a button's payload starts it
        .ask("order", Prompt.text("Which order shall we wrap? (e.g. A-1042)"))
        .ask("paper", Prompt.choice("Which paper?", "Red", "Gold"))
        .say(slots -> "Done: order " + slots.string("order") + " will be wrapped in "
            + slots.string("paper").toLowerCase() + " paper.")
        .build();
    return bot.flow(wrap);
  }

  @Test
  void wrapsAGift() {
    try (ConversationTester chat = ConversationTester.of(giftWrapping(Bot.builder()))) {
      chat.says("gift wrap")
          .expectReply("Which order shall we wrap? (e.g. A-1042)")
          .says("A-1042")
          .expectReply("Which paper?")
          .expectQuickReplies("Red", "Gold")
          .tapsQuickReply("Gold")
          .expectReply("Done: order A-1042 will be wrapped in gold paper.")
          .expectNoFlow();
    }
  }
  // --- end ---
}
