package dev.parley.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.bot.nlu.Entity;
import dev.parley.bot.nlu.ExampleRecognizer;
import dev.parley.bot.nlu.IntentRecognizer;
import dev.parley.bot.nlu.Understanding;
import dev.parley.bot.testing.ConversationTester;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RecognizerInTheBotTest {

  private static final IntentRecognizer RECOGNIZER = ExampleRecognizer.builder()
      .intent("track_order", Locale.ENGLISH, "where is my order", "has my parcel shipped", "track my package",
          "when will my order arrive", "status of my order")
      .intent("track_order", Locale.FRENCH, "où en est ma commande", "mon colis est parti", "suivre mon colis",
          "quand arrive ma commande")
      .intent("book_table", Locale.ENGLISH, "I'd like to book a table", "reserve a table for tonight",
          "can I make a reservation", "table for two please")
      .intent("book_table", Locale.FRENCH, "je voudrais réserver une table", "une table pour ce soir",
          "réserver pour deux personnes")
      .intent("help", Locale.ENGLISH, "what can you do", "I need help", "how does this work")
      .intent("help", Locale.FRENCH, "que sais-tu faire", "j'ai besoin d'aide", "comment ça marche")
      .build();

  private static Bot.Builder bot() {
    Flow booking = Flow.builder("booking")
        .triggeredBy("book_table")
        .ask("guests", Prompt.integer("For how many people?"))
        .say(slots -> "Table for " + slots.integer("guests"))
        .build();
    return Bot.builder()
        .recognizer(RECOGNIZER)
        .flow(booking)
        .globalIntent(GlobalIntent.help("I book tables and track orders."))
        .globalIntent(GlobalIntent.talkToHuman("A colleague is coming."))
        .onIntent("track_order", turn -> turn.reply("Order " + turn.understanding().first(Entity.OrderNumber.class)
            .map(Entity.OrderNumber::number).orElse("?") + " is on its way."));
  }

  @Test
  void anIntentHandlerAnswersWithTheEntitiesTheRecognizerFound() {
    try (ConversationTester chat = ConversationTester.of(bot())) {
      chat.says("where is my order #12345?").expectReply("Order 12345 is on its way.");
    }
  }

  @Test
  void anIntentStartsTheFlowItTriggers() {
    try (ConversationTester chat = ConversationTester.of(bot())) {
      chat.says("je voudrais réserver une table").expectReply("For how many people?").expectFlow("booking")
          .says("quatre").expectReply("Table for 4");
    }
  }

  @Test
  void aGlobalIntentIsRecognisedInTheMiddleOfAFlowAndTheFlowResumes() {
    try (ConversationTester chat = ConversationTester.of(bot())) {
      chat.says("can I make a reservation").expectReply("For how many people?")
          .says("what can you do?").expectReply("I book tables and track orders.").expectReply("For how many people?")
          .says("2").expectReply("Table for 2");
    }
  }

  @Test
  void anOutOfDomainMessageGetsTheFallbackWhichOffersAHuman() {
    try (ConversationTester chat = ConversationTester.of(bot())) {
      chat.says("what's the weather like in Paris tomorrow?")
          .expectReply(Router.NOT_UNDERSTOOD)
          .expectQuickReplies("Talk to a human")
          .tapsQuickReply("Talk to a human")
          .expectReply("A colleague is coming.")
          .expectOwner(Bot.UNASSIGNED);
    }
  }

  @Test
  void theRecognizerIsAskedOncePerTurnWithTheLastLanguageAsHint() {
    List<Locale> hints = Collections.synchronizedList(new ArrayList<>());
    IntentRecognizer counting = (text, hint) -> {
      hints.add(hint);
      return RECOGNIZER.recognize(text, hint);
    };
    try (ConversationTester chat = ConversationTester.of(bot().recognizer(counting))) {
      chat.says("où en est ma commande 12345").expectReply("Order 12345 is on its way.")
          .says("ok");
    }
    assertEquals(2, hints.size());
    assertNull(hints.get(0));
    assertEquals(Locale.FRENCH, hints.get(1));
  }

  @Test
  void aTapIsNotSentToTheRecognizerWhenItsPayloadMatches() {
    List<String> asked = Collections.synchronizedList(new ArrayList<>());
    IntentRecognizer recording = (text, hint) -> {
      asked.add(text);
      return Understanding.builder(text).build();
    };
    Bot.Builder builder = Bot.builder().recognizer(recording)
        .onPayload("MENU", turn -> turn.reply("Menu"));
    try (ConversationTester chat = ConversationTester.of(builder)) {
      chat.postback("MENU").expectReply("Menu");
    }
    assertEquals(List.of(), asked);
  }
}
