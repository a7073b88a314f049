package dev.parley.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.testing.ConversationTester;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.Owner;
import dev.parley.core.conversation.StoredMessage;
import dev.parley.core.webhook.InboundEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffTest {

  private static final String PAGE = "1000000001";
  private static final String PSID = "2000000001";

  private static List<StoredMessage> history(ConversationTester chat) {
    String customerId = chat.store().conversation(chat.customer()).customerId();
    return chat.store().history(customerId, Long.MAX_VALUE, 100).messages();
  }

  @Test
  void whileAnAgentOwnsTheConversationTheBotIsSilentButRecordsEveryMessage() {
    try (ConversationTester chat = ConversationTester.of(TableBot.configure(Bot.builder()))) {
      chat.handOff(Owner.agent("Marie"))
          .says("book")
          .says("is anyone there?")
          .expectNoReply()
          .expectOwner(Owner.agent("Marie"))
          .expectNoFlow();
      List<StoredMessage> history = history(chat);
      assertEquals(List.of("book", "is anyone there?"), history.stream().map(StoredMessage::summary).toList());
      assertTrue(history.stream().allMatch(m -> m.author().equals(Author.customer())));
    }
  }

  @Test
  void afterAHandBackTheBotAnswersAgain() {
    try (ConversationTester chat = ConversationTester.of(TableBot.configure(Bot.builder()))) {
      chat.handOff(Owner.metaInbox()).says("book").expectNoReply()
          .handBack().expectReply("I'm back.").expectNoReply()
          .says("book").expectReply("For how many people?");
    }
  }

  @Test
  void theBotsRepliesAreInTheHistoryAfterTheCustomersMessage() {
    try (ConversationTester chat = ConversationTester.of(TableBot.configure(Bot.builder()))) {
      chat.says("book").expectReply("For how many people?");
      List<StoredMessage> history = history(chat);
      assertEquals(2, history.size());
      assertEquals(Author.customer(), history.get(0).author());
      assertEquals(Author.bot(), history.get(1).author());
      assertEquals("For how many people?", history.get(1).summary());
    }
  }

  @Test
  void metasInboxTakingTheThreadSilencesTheBotAndGivingItBackWakesIt() {
    try (ConversationTester chat = ConversationTester.of(TableBot.configure(Bot.builder()))) {
      chat.receives(handover("pass_thread_control", "1517776481860111", TurnRunner.PAGE_INBOX_APP_ID, 1))
          .expectOwner(Owner.metaInbox())
          .says("book")
          .expectNoReply()
          .receives(handover("take_thread_control", TurnRunner.PAGE_INBOX_APP_ID, "1517776481860111", 2))
          .expectOwner(Owner.bot())
          .says("book")
          .expectReply("For how many people?");
    }
  }

  @Test
  void aMessageOnTheStandbyChannelIsRecordedButNotAnswered() {
    String payload = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":1736154000000,\"standby\":[{"
        + "\"sender\":{\"id\":\"" + PSID + "\"},\"recipient\":{\"id\":\"" + PAGE + "\"},\"timestamp\":1736154000000,"
        + "\"message\":{\"mid\":\"m_standby_1\",\"text\":\"thanks to the agent\"}}]}]}";
    try (ConversationTester chat = ConversationTester.of(TableBot.configure(Bot.builder()))) {
      chat.receives(InboundEvent.parse(payload).get(0)).expectNoReply();
      assertEquals("thanks to the agent", history(chat).get(0).summary());
    }
  }

  @Test
  void aHandlerCanHandTheConversationToANamedAgent() {
    Bot.Builder builder = Bot.builder().onPayload("VIP", turn -> {
      turn.reply("Marie will take care of you.");
      turn.handOff(Owner.agent("Marie"), "VIP customer");
    });
    try (ConversationTester chat = ConversationTester.of(builder)) {
      chat.postback("VIP").expectReply("Marie will take care of you.").expectOwner(Owner.agent("Marie"));
      assertEquals("VIP customer", chat.store().ownership(chat.customer()).reason());
    }
  }

  private static InboundEvent handover(String kind, String previous, String next, int n) {
    String payload = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":1736154000000,\"messaging\":[{"
        + "\"sender\":{\"id\":\"" + PSID + "\"},\"recipient\":{\"id\":\"" + PAGE + "\"},\"timestamp\":173615400000" + n
        + ",\"" + kind + "\":{\"previous_owner_app_id\":\"" + previous + "\",\"new_owner_app_id\":\"" + next
        + "\",\"metadata\":\"test\"}}]}]}";
    return InboundEvent.parse(payload).get(0);
  }
}
