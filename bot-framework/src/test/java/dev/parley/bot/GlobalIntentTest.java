package dev.parley.bot;

import dev.parley.bot.testing.ConversationTester;
import dev.parley.core.conversation.Owner;
import org.junit.jupiter.api.Test;

class GlobalIntentTest {

  private static ConversationTester tableBot() {
    return ConversationTester.of(TableBot.configure(Bot.builder()));
  }

  private static ConversationTester atSecondQuestion() {
    ConversationTester chat = tableBot();
    chat.says("book").expectReply("For how many people?").says("4").expectReply("Which day and time?");
    return chat;
  }

  @Test
  void helpInterruptsAFlowAndTheFlowResumesAtTheSameQuestion() {
    try (ConversationTester chat = atSecondQuestion()) {
      chat.says("help")
          .expectReply("I can book a table. Type 'book' to start.")
          .expectReply("Which day and time?")
          .expectStep("booking", "when")
          .expectSlot("guests", 4)
          .says("tomorrow 19:00")
          .expectReply("Your e-mail for the confirmation?");
    }
  }

  @Test
  void helpDoesNotCountAsAWrongAnswer() {
    try (ConversationTester chat = tableBot()) {
      chat.says("book").expectReply("For how many people?")
          .says("x").expectReply("Please answer with a whole number.").expectReply("For how many people?")
          .says("y").expectReply("Please answer with a whole number.").expectReply("For how many people?")
          .says("aide").expectReply("I can book a table. Type 'book' to start.").expectReply("For how many people?")
          .says("2").expectReply("Which day and time?");
    }
  }

  @Test
  void cancelDropsEveryRunningFlow() {
    try (ConversationTester chat = atSecondQuestion()) {
      chat.says("Annuler")
          .expectReply("Alright, I dropped that.")
          .expectNoReply()
          .expectNoFlow()
          .says("tomorrow 19:00")
          .expectReply("Sorry, I did not get that.");
    }
  }

  @Test
  void startOverRestartsTheFlowWithEmptySlots() {
    try (ConversationTester chat = atSecondQuestion()) {
      chat.says("start over")
          .expectReply("Let's start again.")
          .expectReply("For how many people?")
          .expectStep("booking", "guests")
          .expectSlot("guests", null);
    }
  }

  @Test
  void talkToAHumanHandsOffAndTheFlowResumesWhenHandedBack() {
    try (ConversationTester chat = atSecondQuestion()) {
      chat.says("talk to a human")
          .expectReply("I'm getting a colleague for you.")
          .expectOwner(Bot.UNASSIGNED)
          .says("hello? anyone?")
          .expectNoReply()
          .handBack()
          .expectOwner(Owner.bot())
          .expectReply("I'm back.")
          .expectReply("Which day and time?")
          .expectSlot("guests", 4);
    }
  }

  @Test
  void aGlobalIntentCanBeTappedByItsPayload() {
    try (ConversationTester chat = atSecondQuestion()) {
      chat.postback("HELP")
          .expectReply("I can book a table. Type 'book' to start.")
          .expectReply("Which day and time?");
    }
  }

  @Test
  void aCustomGlobalIntentAnswersAndTheFlowResumes() {
    Bot.Builder builder = TableBot.configure(Bot.builder())
        .globalIntent(GlobalIntent.of("hours", turn -> turn.reply("We open at noon.")).matching("opening hours", "HOURS"));
    try (ConversationTester chat = ConversationTester.of(builder)) {
      chat.says("book").expectReply("For how many people?")
          .says("Opening hours?")
          .expectReply("We open at noon.")
          .expectReply("For how many people?");
    }
  }

  @Test
  void helpOutsideAFlowJustAnswers() {
    try (ConversationTester chat = tableBot()) {
      chat.says("help").expectReply("I can book a table. Type 'book' to start.").expectNoReply().expectNoFlow();
    }
  }

  @Test
  void globalIntentPhrasesIgnoreCaseAccentsAndPunctuation() {
    try (ConversationTester chat = atSecondQuestion()) {
      chat.says("  RECOMMENCER !").expectReply("Let's start again.").expectReply("For how many people?");
    }
  }
}
