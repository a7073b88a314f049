package dev.parley.bot.testing;

import dev.parley.bot.Bot;
import dev.parley.bot.ConversationView;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.Owner;
import dev.parley.core.message.Message;
import dev.parley.core.webhook.InboundEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Scripted conversations with a bot, for JUnit tests: the customer says something, taps a quick reply
 * or a button; the test expects replies, quick replies, slot values, the flow and step, the owner;
 * and moves the clock to fire reminders. In-process and fast: no HTTP, an in-memory store, a clock
 * that moves only when told, and an outbox delivered synchronously to a recording sender, so each
 * step sees every reply of the turns it caused.
 *
 * <pre>{@code
 * @Test
 * void booksATable() {
 *   try (ConversationTester chat = ConversationTester.of(MyBot.configure(Bot.builder()))) {
 *     chat.says("I'd like to book a table")
 *         .expectReplyContaining("how many people")
 *         .says("four")
 *         .expectReply("Please answer with a whole number.")   // re-prompted
 *         .says("4")
 *         .expectSlot("guests", 4)
 *         .expectQuickReplies("Yes", "No")
 *         .tapsQuickReply("Yes")
 *         .expectReplyContaining("Booked")
 *         .expectNoFlow()
 *         .advanceClock(Duration.ofHours(23))                  // the reminder the day before
 *         .expectReplyContaining("tomorrow");
 *   }
 * }
 * }</pre>
 *
 * <p>Replies are consumed in order: each {@code expectReply...} takes the next reply not yet
 * expected; {@link #expectNoReply()} checks none is left. A failed expectation throws an {@link
 * AssertionError} showing the transcript. Not thread-safe: one tester per test.
 */
public final class ConversationTester implements AutoCloseable {
  /** Where the tester's clock starts unless told otherwise: 2025-01-06T09:00:00Z, a Monday. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-06T09:00:00Z");

  private final LocalChat chat;

  private ConversationTester(LocalChat chat) {
    this.chat = chat;
  }

  /** A tester for the bot {@code bot} would build, talking to a Messenger customer, from {@link #DEFAULT_START}. */
  public static ConversationTester of(Bot.Builder bot) {
    return of(bot, LocalChat.DEFAULT_CUSTOMER, DEFAULT_START);
  }

  /**
   * A tester for the bot {@code bot} would build (its store, sender and clock are replaced by the
   * tester's), talking to {@code customer} (Messenger or WhatsApp), from {@code start}.
   */
  public static ConversationTester of(Bot.Builder bot, Recipient customer, Instant start) {
    Objects.requireNonNull(bot, "bot");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(start, "start");
    return new ConversationTester(new LocalChat(bot, customer, start));
  }

  // ---- the customer --------------------------------------------------------------------------

  /** The customer writes {@code text}. */
  public ConversationTester says(String text) {
    chat.says(text);
    return this;
  }

  /** The customer taps the quick reply (or list row, or reply button) titled {@code title} of the last reply that offered one. */
  public ConversationTester tapsQuickReply(String title) {
    chat.tapsQuickReply(title);
    return this;
  }

  /** The customer taps the postback button titled {@code title} of the last reply that had buttons. */
  public ConversationTester tapsButton(String title) {
    chat.tapsButton(title);
    return this;
  }

  /** The customer sends a postback with {@code payload} (a persistent menu item, Get Started). */
  public ConversationTester postback(String payload) {
    chat.postback(payload);
    return this;
  }

  /** Any inbound event, as the webhook handler would hand it over. */
  public ConversationTester receives(InboundEvent event) {
    chat.receive(event);
    return this;
  }

  // ---- time and people -----------------------------------------------------------------------

  /** Moves the clock on by {@code duration}, firing the reminders that fall due, in order. */
  public ConversationTester advanceClock(Duration duration) {
    chat.advanceClock(duration);
    return this;
  }

  /** A human hands the conversation back to the bot. */
  public ConversationTester handBack() {
    chat.handBack();
    return this;
  }

  /** Hands the conversation to {@code owner}, as an agent taking over would. */
  public ConversationTester handOff(Owner owner) {
    chat.handOff(owner);
    return this;
  }

  // ---- expectations --------------------------------------------------------------------------

  /** The next reply's text is exactly {@code text}. */
  public ConversationTester expectReply(String text) {
    chat.expectReply(text, true);
    return this;
  }

  /** The next reply's text contains {@code fragment}, ignoring case. */
  public ConversationTester expectReplyContaining(String fragment) {
    chat.expectReply(fragment, false);
    return this;
  }

  /** The next reply is {@code message}, exactly. */
  public ConversationTester expectMessage(Message message) {
    chat.expectMessage(message);
    return this;
  }

  /** The last reply taken offered exactly these quick replies (or reply buttons), in order. */
  public ConversationTester expectQuickReplies(String... titles) {
    chat.expectQuickReplies(List.of(titles));
    return this;
  }

  /** Every reply has been expected: the bot said nothing more. */
  public ConversationTester expectNoReply() {
    chat.expectNoReply();
    return this;
  }

  /** The running flow's slot (or, with no flow running, the memory's value) {@code name} is {@code value} (numbers compared by value). */
  public ConversationTester expectSlot(String name, Object value) {
    chat.expectSlot(name, value, false);
    return this;
  }

  /** The conversation's memory holds {@code value} under {@code name}. */
  public ConversationTester expectMemory(String name, Object value) {
    chat.expectSlot(name, value, true);
    return this;
  }

  /** The innermost running flow is {@code flow}. */
  public ConversationTester expectFlow(String flow) {
    chat.expectFlow(flow, null);
    return this;
  }

  /** The innermost running flow is {@code flow} and waits at step {@code step}. */
  public ConversationTester expectStep(String flow, String step) {
    chat.expectFlow(flow, step);
    return this;
  }

  /** No flow is running. */
  public ConversationTester expectNoFlow() {
    chat.expectFlow(null, null);
    return this;
  }

  /** {@code owner} owns the conversation. */
  public ConversationTester expectOwner(Owner owner) {
    chat.expectOwner(owner);
    return this;
  }

  // ---- looking inside ------------------------------------------------------------------------

  /** Every message the bot sent so far, in order. */
  public List<Message> sent() {
    return chat.sent();
  }

  /** The conversation as the bot sees it now. */
  public ConversationView view() {
    return chat.view();
  }

  /** The conversation so far, one line per message ("customer: ...", "bot: ..."), for debugging. */
  public String transcript() {
    return chat.transcript();
  }

  /** The customer the tester plays. */
  public Recipient customer() {
    return chat.customer();
  }

  /** The tester's in-memory store, to look at history, timers, the outbox. */
  public ConversationStore store() {
    return chat.store();
  }

  /** The bot under test. */
  public Bot bot() {
    return chat.bot();
  }

  /** The tester's clock now. */
  public Instant now() {
    return chat.now();
  }

  @Override
  public void close() {
    chat.close();
  }
}
