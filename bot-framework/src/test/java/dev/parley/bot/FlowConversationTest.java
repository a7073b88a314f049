package dev.parley.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.testing.ConversationTester;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.Owner;
import dev.parley.core.message.QuickReply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowConversationTest {

  private static ConversationTester chat(Bot.Builder builder) {
    return ConversationTester.of(builder);
  }

  @Test
  void aBookingFlowCollectsEverySlotAndBooks() {
    try (ConversationTester chat = chat(TableBot.configure(Bot.builder()))) {
      chat.says("Book a table")
          .expectReply("For how many people?")
          .expectStep("booking", "guests")
          .says("4")
          .expectSlot("guests", 4)
          .expectReply("Which day and time?")
          .says("tomorrow 8pm")
          .expectSlot("when", "2025-01-07T20:00Z")
          .expectReply("Your e-mail for the confirmation?")
          .says("it's ada@example.com")
          .expectSlot("email", "ada@example.com")
          .expectReply("A table for 4, shall I book it?")
          .expectQuickReplies("Yes", "No")
          .tapsQuickReply("Yes")
          .expectReply("Booked, see you then!")
          .expectNoReply()
          .expectNoFlow()
          .expectMemory("bookings", 1);
      assertEquals(5, chat.sent().size());
    }
  }

  @Test
  void anUnreadableAnswerIsRepromptedWithTheKindsMessage() {
    try (ConversationTester chat = chat(TableBot.configure(Bot.builder()))) {
      chat.says("book")
          .expectReply("For how many people?")
          .says("a few of us")
          .expectReply("Please answer with a whole number.")
          .expectReply("For how many people?")
          .expectStep("booking", "guests")
          .says("3")
          .expectReply("Which day and time?");
    }
  }

  @Test
  void aValidatorRefusesWithItsOwnMessageAndAsksAgain() {
    try (ConversationTester chat = chat(TableBot.configure(Bot.builder()))) {
      chat.says("book").expectReply("For how many people?")
          .says("40")
          .expectReply("We take bookings for 1 to 12 people.")
          .expectReply("For how many people?")
          .says("12")
          .expectSlot("guests", 12);
    }
  }

  @Test
  void afterMaxAttemptsThePromptGivesUpAndCancelsTheFlow() {
    try (ConversationTester chat = chat(TableBot.configure(Bot.builder()))) {
      chat.says("book").expectReply("For how many people?")
          .says("lots").expectReply("Please answer with a whole number.").expectReply("For how many people?")
          .says("many").expectReply("Please answer with a whole number.").expectReply("For how many people?")
          .says("dunno")
          .expectReply(FlowRunner.GIVE_UP_TEXT)
          .expectNoReply()
          .expectNoFlow();
    }
  }

  @Test
  void aCustomGiveUpCanHandTheConversationToAHuman() {
    Flow flow = Flow.builder("order")
        .triggeredBy("order")
        .ask("number", Prompt.text("Your order number?")
            .validate(text -> text.matches("\\d{5}"), "Order numbers have 5 digits.")
            .maxAttempts(2)
            .onGiveUp(turn -> {
              turn.reply("Let me get a colleague to find it.");
              turn.handOff("could not read an order number");
            }))
        .say("Thanks!")
        .build();
    try (ConversationTester chat = chat(Bot.builder().flow(flow).onHandBack(turn -> turn.reply("Back!")))) {
      chat.says("order").expectReply("Your order number?")
          .says("abc").expectReply("Order numbers have 5 digits.").expectReply("Your order number?")
          .says("xyz").expectReply("Let me get a colleague to find it.")
          .expectOwner(Bot.UNASSIGNED)
          .says("hello?")
          .expectNoReply()
          .handBack()
          .expectReply("Back!")
          .expectReply("Your order number?")
          .says("12345")
          .expectReply("Thanks!");
    }
  }

  @Test
  void aChoiceIsReadFromATapATitleOrANumber() {
    Flow flow = Flow.builder("shop")
        .triggeredBy("shop")
        .ask("city", Prompt.choice("Which shop?", "Paris", "Lyon", "Lille"))
        .say(slots -> "Shop: " + slots.string("city"))
        .build();
    try (ConversationTester chat = chat(Bot.builder().flow(flow))) {
      chat.says("shop").expectReply("Which shop?").expectQuickReplies("Paris", "Lyon", "Lille")
          .tapsQuickReply("Lyon").expectReply("Shop: Lyon")
          .says("shop").expectReply("Which shop?")
          .says("  LILLE!").expectReply("Shop: Lille")
          .says("shop").expectReply("Which shop?")
          .says("1").expectReply("Shop: Paris")
          .says("shop").expectReply("Which shop?")
          .says("Marseille").expectReply("Please pick one of the options.").expectReply("Which shop?");
    }
  }

  @Test
  void aChoiceWithPayloadsStoresThePayload() {
    Flow flow = Flow.builder("size")
        .triggeredBy("size")
        .ask("size", Prompt.choice("Size?", List.of(new QuickReply("Small", "S"), new QuickReply("Large", "L"))))
        .say(slots -> "Size " + slots.string("size"))
        .build();
    try (ConversationTester chat = chat(Bot.builder().flow(flow))) {
      chat.says("size").expectReply("Size?").tapsQuickReply("Large").expectReply("Size L");
    }
  }

  @Test
  void onWhatsAppAChoiceOfMoreThanThreeIsTappedAsAListRow() {
    Flow flow = Flow.builder("slot")
        .triggeredBy("slot")
        .ask("slot", Prompt.choice("When?", "9:00", "11:00", "14:00", "16:00"))
        .say(slots -> "Booked " + slots.string("slot"))
        .build();
    Recipient customer = Recipient.whatsApp("109876543210987", "16505551234");
    try (ConversationTester chat = ConversationTester.of(Bot.builder().flow(flow), customer,
        ConversationTester.DEFAULT_START)) {
      chat.says("slot").expectReply("When?").tapsQuickReply("14:00").expectReply("Booked 14:00");
    }
  }

  @Test
  void yesNoUnderstandsEnglishAndFrenchWords() {
    Flow flow = Flow.builder("confirm")
        .triggeredBy("confirm")
        .ask("ok", Prompt.yesNo("Sure?"))
        .say(slots -> "ok=" + slots.bool("ok"))
        .build();
    try (ConversationTester chat = chat(Bot.builder().flow(flow))) {
      chat.says("confirm").expectReply("Sure?").says("Oui").expectReply("ok=true")
          .says("confirm").expectReply("Sure?").says("nope").expectReply("ok=false")
          .says("confirm").expectReply("Sure?").says("non merci").expectReply("ok=false")
          .says("confirm").expectReply("Sure?").says("maybe").expectReply("Please answer yes or no.");
    }
  }

  @Test
  void phoneAnswersAreStoredWithoutSeparators() {
    Flow flow = Flow.builder("callback")
        .triggeredBy("call me")
        .ask("phone", Prompt.phone("Your number?"))
        .say(slots -> "Calling " + slots.string("phone"))
        .build();
    try (ConversationTester chat = chat(Bot.builder().flow(flow))) {
      chat.says("call me").expectReply("Your number?")
          .says("it is 0033 6 12 34 56 78").expectReply("Calling +33612345678")
          .says("call me").expectReply("Your number?")
          .says("no thanks").expectReply("Please give a phone number, such as +33 6 12 34 56 78.");
    }
  }

  @Test
  void aDatePromptReadsRelativeAndNumericDays() {
    Flow flow = Flow.builder("visit")
        .triggeredBy("visit")
        .ask("day", Prompt.date("Which day?"))
        .say(slots -> "Day " + slots.date("day"))
        .build();
    try (ConversationTester chat = chat(Bot.builder().flow(flow))) {
      chat.says("visit").expectReply("Which day?").says("demain").expectReply("Day 2025-01-07")
          .says("visit").expectReply("Which day?").says("14/03").expectReply("Day 2025-03-14")
          .says("visit").expectReply("Which day?").says("friday").expectReply("Day 2025-01-10");
    }
  }

  @Test
  void aBranchTakesTheOtherPathWhenTheCustomerSaysNo() {
    try (ConversationTester chat = chat(TableBot.configure(Bot.builder()))) {
      chat.says("book").expectReply("For how many people?").says("2")
          .expectReply("Which day and time?").says("2025-01-10 19:30")
          .expectReply("Your e-mail for the confirmation?").says("bob@example.org")
          .expectReply("A table for 2, shall I book it?").tapsQuickReply("No")
          .expectReply("No problem, nothing was booked.")
          .expectNoFlow()
          .expectNoReply();
    }
  }

  @Test
  void aSubFlowRunsToItsEndAndTheParentGoesOnWithItsSlots() {
    Flow address = Flow.builder("address")
        .ask("street", Prompt.text("Street?"))
        .ask("city", Prompt.text("City?"))
        .build();
    Flow delivery = Flow.builder("delivery")
        .triggeredBy("deliver")
        .ask("item", Prompt.text("What shall we deliver?"))
        .subFlow("address")
        .say(slots -> slots.string("item") + " to " + slots.string("street") + ", " + slots.string("city"))
        .build();
    try (ConversationTester chat = chat(Bot.builder().flow(address).flow(delivery))) {
      chat.says("deliver").expectReply("What shall we deliver?").says("flowers")
          .expectReply("Street?").expectStep("address", "street").says("1 Rue de Rivoli")
          .expectReply("City?").says("Paris")
          .expectReply("flowers to 1 Rue de Rivoli, Paris")
          .expectNoFlow();
    }
  }

  @Test
  void aCodeStepCanLoopBackWithGoTo() {
    Flow flow = Flow.builder("guess")
        .triggeredBy("guess")
        .ask("n", Prompt.integer("Guess a number"))
        .step("check", turn -> {
          if (turn.slots().integer("n") != 7) {
            turn.reply("No.");
            turn.goTo("n");
          }
        })
        .say("Yes!")
        .build();
    try (ConversationTester chat = chat(Bot.builder().flow(flow))) {
      chat.says("guess").expectReply("Guess a number")
          .says("3").expectReply("No.").expectReply("Guess a number")
          .says("7").expectReply("Yes!").expectNoFlow();
    }
  }

  @Test
  void onCompleteRunsWithTheFlowsSlotsWhenTheFlowEnds() {
    Flow flow = Flow.builder("name")
        .triggeredBy("hi")
        .ask("name", Prompt.text("Your name?"))
        .onComplete(turn -> {
          turn.memory().put("name", turn.slots().string("name"));
          turn.reply("Nice to meet you, " + turn.slots().string("name"));
        })
        .build();
    try (ConversationTester chat = chat(Bot.builder().flow(flow))) {
      chat.says("hi").expectReply("Your name?").says("Ada")
          .expectReply("Nice to meet you, Ada").expectMemory("name", "Ada").expectNoFlow();
    }
  }

  @Test
  void anInactivityReminderNudgesOnceAndAsksAgain() {
    try (ConversationTester chat = chat(TableBot.configure(Bot.builder()))) {
      chat.says("book").expectReply("For how many people?")
          .advanceClock(Duration.ofMinutes(9))
          .expectNoReply()
          .advanceClock(Duration.ofMinutes(1))
          .expectReply("Are you still there?")
          .expectReply("For how many people?")
          .advanceClock(Duration.ofHours(2))
          .expectNoReply()
          .says("2")
          .expectReply("Which day and time?");
    }
  }

  @Test
  void anAnsweredQuestionsReminderNeverFires() {
    try (ConversationTester chat = chat(TableBot.configure(Bot.builder()))) {
      chat.says("book").expectReply("For how many people?")
          .advanceClock(Duration.ofMinutes(5))
          .says("2").expectReply("Which day and time?")
          .advanceClock(Duration.ofMinutes(6))
          .expectNoReply()
          .advanceClock(Duration.ofMinutes(4))
          .expectReply("Are you still there?")
          .expectReply("Which day and time?");
    }
  }

  @Test
  void aFlowTimeoutCancelsTheFlow() {
    Flow flow = Flow.builder("survey")
        .triggeredBy("survey")
        .ask("score", Prompt.integer("Score from 1 to 5?"))
        .inactivityReminder(Duration.ofMinutes(5), "Still there?")
        .timeout(Duration.ofMinutes(30), "I'll close this survey for now.")
        .build();
    try (ConversationTester chat = chat(Bot.builder().flow(flow))) {
      chat.says("survey").expectReply("Score from 1 to 5?")
          .advanceClock(Duration.ofMinutes(5)).expectReply("Still there?").expectReply("Score from 1 to 5?")
          .advanceClock(Duration.ofMinutes(25)).expectReply("I'll close this survey for now.")
          .expectNoFlow()
          .expectNoReply();
    }
  }

  @Test
  void theBookingReminderFiresTheDayBefore() {
    try (ConversationTester chat = chat(TableBot.configure(Bot.builder()))) {
      chat.says("book").expectReply("For how many people?").says("2")
          .expectReply("Which day and time?").says("2025-01-09 20:00")
          .expectReply("Your e-mail for the confirmation?").says("ada@example.com")
          .expectReply("A table for 2, shall I book it?").tapsQuickReply("Yes")
          .expectReply("Booked, see you then!");
      Instant before = chat.now();
      chat.advanceClock(Duration.ofHours(58)).expectNoReply();
      assertEquals(before.plus(Duration.ofHours(58)), chat.now());
      chat.advanceClock(Duration.ofHours(1)).expectReply("Reminder: your table is tomorrow.");
    }
  }

  @Test
  void aFlowStartedFromAHandlerInterruptsAndTheFirstResumes() {
    Flow outer = Flow.builder("outer")
        .triggeredBy("outer")
        .ask("a", Prompt.text("A?"))
        .ask("b", Prompt.text("B?"))
        .say(slots -> "a=" + slots.string("a") + " b=" + slots.string("b"))
        .build();
    Flow inner = Flow.builder("inner")
        .ask("x", Prompt.text("X?"))
        .build();
    try (ConversationTester chat = chat(Bot.builder().flow(outer).flow(inner)
        .globalIntent(GlobalIntent.of("detour", turn -> turn.startFlow("inner")).matching("detour")))) {
      chat.says("outer").expectReply("A?").says("1").expectReply("B?")
          .says("detour").expectReply("X?").expectStep("inner", "x")
          .says("9")
          .expectReply("B?")
          .expectStep("outer", "b")
          .says("2")
          .expectReply("a=1 b=2")
          .expectNoFlow();
    }
  }

  @Test
  void theSameFlowCanRunInTwoConversationsIndependently() {
    Bot.Builder builder = TableBot.configure(Bot.builder());
    try (ConversationTester ada = chat(builder)) {
      ada.says("book").expectReply("For how many people?").says("2");
      assertTrue(ada.view().slots().containsKey("guests"));
      assertEquals(Owner.bot(), ada.view().owner());
    }
  }
}
