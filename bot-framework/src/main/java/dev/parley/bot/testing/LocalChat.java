package dev.parley.bot.testing;

import dev.parley.bot.Bot;
import dev.parley.bot.ConversationView;
import dev.parley.core.Channel;
import dev.parley.core.Recipient;
import dev.parley.core.SendReceipt;
import dev.parley.core.conversation.ConversationStore;
import dev.parley.core.conversation.InMemoryConversationStore;
import dev.parley.core.conversation.Owner;
import dev.parley.core.message.Button;
import dev.parley.core.message.Buttons;
import dev.parley.core.message.Media;
import dev.parley.core.message.Message;
import dev.parley.core.message.PostbackButton;
import dev.parley.core.message.QuickReplies;
import dev.parley.core.message.QuickReply;
import dev.parley.core.message.Text;
import dev.parley.core.outbox.Outbox;
import dev.parley.core.webhook.InboundEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A bot on an in-memory store with a hand-moved clock and an outbox delivered synchronously to a
 * recording sender, played by one customer. Shared by {@link ConversationTester} and {@link BotConsole}.
 */
final class LocalChat implements AutoCloseable {
  static final Recipient DEFAULT_CUSTOMER = Recipient.messenger("1000000001", "2000000001");
  private static final Duration CLOCK_STEP = Duration.ofMinutes(1);

  private final MovableClock clock;
  private final InMemoryConversationStore store;
  private final Outbox outbox;
  private final Bot bot;
  private final Recipient customer;
  private final List<Message> sent = Collections.synchronizedList(new ArrayList<>());
  private final List<String> transcript = Collections.synchronizedList(new ArrayList<>());
  private int taken;
  private Message lastTaken;
  private long messageCount;

  LocalChat(Bot.Builder builder, Recipient customer, Instant start) {
    this.customer = customer;
    this.clock = new MovableClock(start);
    this.store = new InMemoryConversationStore(clock);
    this.outbox = Outbox.builder(store.outbox(), this::deliver).clock(clock).build();
    this.bot = builder.store(store).outbox(outbox).clock(clock).build();
  }

  private CompletableFuture<SendReceipt> deliver(Recipient recipient, Message message) {
    sent.add(message);
    transcript.add("bot: " + describe(message));
    String id = (recipient.channel() == Channel.MESSENGER ? "m_bot_" : "wamid.bot") + sent.size();
    return CompletableFuture.completedFuture(new SendReceipt(id, recipient.channel(), recipient, 1));
  }

  // ---- the customer --------------------------------------------------------------------------

  void says(String text) {
    transcript.add("customer: " + text);
    receive(CustomerEvents.text(customer, text, nextMessageId(), clock.instant()));
  }

  void tapsQuickReply(String title) {
    for (int i = sent.size() - 1; i >= 0; i--) {
      Message message = sent.get(i);
      if (message instanceof QuickReplies quick) {
        for (QuickReply reply : quick.replies()) {
          if (reply.title().equalsIgnoreCase(title)) {
            transcript.add("customer: [tapped] " + reply.title());
            receive(CustomerEvents.quickReply(customer, reply.title(), reply.payload(), quick.replies().size() > 3,
                nextMessageId(), clock.instant()));
            return;
          }
        }
        throw failure("no quick reply titled '" + title + "' in the last offer: " + titles(message));
      }
    }
    throw failure("the bot offered no quick replies to tap '" + title + "'");
  }

  void tapsButton(String title) {
    for (int i = sent.size() - 1; i >= 0; i--) {
      if (sent.get(i) instanceof Buttons buttons) {
        for (Button button : buttons.buttons()) {
          if (button instanceof PostbackButton postback && postback.title().equalsIgnoreCase(title)) {
            transcript.add("customer: [tapped] " + postback.title());
            receive(CustomerEvents.buttonTap(customer, postback.title(), postback.payload(), nextMessageId(),
                clock.instant()));
            return;
          }
        }
        throw failure("no postback button titled '" + title + "' in the last buttons: " + titles(buttons));
      }
    }
    throw failure("the bot showed no buttons to tap '" + title + "'");
  }

  void postback(String payload) {
    transcript.add("customer: [postback] " + payload);
    receive(CustomerEvents.buttonTap(customer, payload, payload, nextMessageId(), clock.instant()));
  }

  void receive(InboundEvent event) {
    await(() -> bot.handle(event));
  }

  // ---- time and people -----------------------------------------------------------------------

  void advanceClock(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    transcript.add("(clock +" + duration + ")");
    // steps of a minute (a 500th of a long move), so reminders fire in order, close to when they are due
    Duration stride = duration.dividedBy(500).compareTo(CLOCK_STEP) > 0 ? duration.dividedBy(500) : CLOCK_STEP;
    Duration left = duration;
    while (!left.isZero()) {
      Duration step = left.compareTo(stride) < 0 ? left : stride;
      clock.advance(step);
      left = left.minus(step);
      while (bot.fireDueReminders() > 0) {
        deliverAll();
      }
    }
    deliverAll();
  }

  void handBack() {
    transcript.add("(handed back to the bot)");
    await(() -> bot.handBack(customer, "handed back by the test"));
  }

  void handOff(Owner owner) {
    transcript.add("(handed to " + owner + ")");
    await(() -> bot.handOff(customer, owner, "handed off by the test"));
  }

  private void await(Supplier<CompletableFuture<?>> work) {
    try {
      work.get().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    deliverAll();
  }

  private void deliverAll() {
    while (outbox.deliverDue() > 0) {
      // one entry per recipient per pass: go on until every reply is out
    }
  }

  // ---- expectations --------------------------------------------------------------------------

  Message nextReply(String expected) {
    if (taken >= sent.size()) {
      throw failure("expected a reply " + expected + " but the bot said nothing more");
    }
    lastTaken = sent.get(taken++);
    return lastTaken;
  }

  void expectReply(String text, boolean exact) {
    Objects.requireNonNull(text, "text");
    String what = exact ? "'" + text + "'" : "containing '" + text + "'";
    Message reply = nextReply(what);
    String actual = textOf(reply);
    boolean matches = exact ? text.equals(actual)
        : actual != null && actual.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    if (!matches) {
      throw failure("expected a reply " + what + " but got " + describe(reply));
    }
  }

  void expectMessage(Message message) {
    Message reply = nextReply(describe(message));
    if (!reply.equals(message)) {
      throw failure("expected the reply " + message + " but got " + reply);
    }
  }

  void expectQuickReplies(List<String> expected) {
    if (lastTaken == null) {
      throw failure("expected quick replies " + expected + " but no reply was taken yet: expect a reply first");
    }
    List<String> actual = titles(lastTaken);
    if (!actual.equals(expected)) {
      throw failure("expected quick replies " + expected + " on " + describe(lastTaken) + " but they are " + actual);
    }
  }

  void expectNoReply() {
    if (taken < sent.size()) {
      throw failure("expected no more replies but the bot also said " + describe(sent.get(taken)));
    }
  }

  void expectSlot(String name, Object expected, boolean memory) {
    ConversationView view = view();
    Map<String, Object> values = memory || view.flows().isEmpty() ? view.memory() : view.slots();
    Object actual = values.get(name);
    if (!same(actual, expected)) {
      throw failure("expected " + (memory ? "memory" : "slot") + " '" + name + "' to be " + expected + " but it is "
          + actual + "; all: " + values);
    }
  }

  void expectFlow(String flow, String step) {
    ConversationView view = view();
    if (flow == null) {
      if (!view.flows().isEmpty()) {
        throw failure("expected no flow running but " + view.flows() + " run, at step '" + view.step() + "'");
      }
      return;
    }
    if (!flow.equals(view.flow()) || (step != null && !step.equals(view.step()))) {
      throw failure("expected flow '" + flow + "'" + (step != null ? " at step '" + step + "'" : "") + " but "
          + (view.flow() == null ? "no flow runs" : "flow '" + view.flow() + "' is at step '" + view.step() + "'"));
    }
  }

  void expectOwner(Owner owner) {
    Owner actual = store.ownership(customer).owner();
    if (!actual.equals(owner)) {
      throw failure("expected the conversation to be owned by " + owner + " but " + actual + " owns it");
    }
  }

  private static boolean same(Object actual, Object expected) {
    if (actual == null || expected == null) {
      return actual == expected;
    }
    if (actual instanceof BigDecimal number && expected instanceof Number other) {
      return number.compareTo(new BigDecimal(other.toString())) == 0;
    }
    return actual.toString().equals(expected.toString());
  }

  private AssertionError failure(String message) {
    return new AssertionError(message + "\n--- transcript ---\n" + transcript());
  }

  // ---- looking inside ------------------------------------------------------------------------

  List<Message> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  /** Replies not yet taken by an expectation, and marks them taken. */
  List<Message> takeNewReplies() {
    List<Message> fresh = new ArrayList<>();
    while (taken < sent.size()) {
      lastTaken = sent.get(taken++);
      fresh.add(lastTaken);
    }
    return fresh;
  }

  ConversationView view() {
    return bot.view(customer);
  }

  String transcript() {
    synchronized (transcript) {
      return String.join("\n", transcript);
    }
  }

  Recipient customer() {
    return customer;
  }

  ConversationStore store() {
    return store;
  }

  Bot bot() {
    return bot;
  }

  Instant now() {
    return clock.instant();
  }

  @Override
  public void close() {
    bot.close();
    outbox.close();
    store.close();
  }

  private String nextMessageId() {
    messageCount++;
    return customer.channel() == Channel.MESSENGER ? "m_customer_" + messageCount : "wamid.customer" + messageCount;
  }

  static String textOf(Message message) {
    if (message instanceof Text text) {
      return text.text();
    }
    if (message instanceof QuickReplies quick) {
      return quick.text();
    }
    if (message instanceof Buttons buttons) {
      return buttons.text();
    }
    if (message instanceof Media media) {
      return media.caption();
    }
    return null;
  }

  static List<String> titles(Message message) {
    List<String> titles = new ArrayList<>();
    if (message instanceof QuickReplies quick) {
      quick.replies().forEach(reply -> titles.add(reply.title()));
    } else if (message instanceof Buttons buttons) {
      buttons.buttons().forEach(button -> titles.add(button.title()));
    }
    return titles;
  }

  static String describe(Message message) {
    String text = textOf(message);
    List<String> titles = titles(message);
    String shown = text != null ? "'" + text + "'" : message.getClass().getSimpleName();
    return titles.isEmpty() ? shown : shown + " " + titles;
  }
}
