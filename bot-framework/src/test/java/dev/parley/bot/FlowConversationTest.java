package dev.parley.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.bot.testing.ConversationTester;
import org.junit.jupiter.api.Test;

class FlowConversationTest {

  @Test
  void aBookingFlowCollectsEverySlotAndBooks() {
    try (ConversationTester chat = ConversationTester.of(TableBot.configure(Bot.builder()))) {
      chat.says("Book a table")
          .expectReply("For how many people?")
          .expectStep("booking", "guests")
          .says("4")
          .expectSlot("guests", 4)
          .expectReply("Which day and time?")
          .says("tomorrow 8pm")
          .expectReply("Your e-mail for the confirmation?")
          .says("ada@example.com")
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
}
